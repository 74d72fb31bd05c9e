/* Test hook (Linux run only): counts the strings the Swift code hands back to dnp_string_free.
 * The link wraps dnp_string_free (-Xlinker --wrap=dnp_string_free), so every call the Swift
 * makes lands in __wrap_dnp_string_free, which counts non-NULL strings and frees them. */
#include <stddef.h>
size_t dnp_test_freed_strings(void);
