#!/usr/bin/env bash
# Placeholder while the Linux XCTest is written.
exit 0
