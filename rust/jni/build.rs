// Link flag for the Android library only (issue 19, "Size"; docs/benchmarks.md, "What each crate
// contributes"). Most of a Rust cdylib's dynamic relocations are R_*_RELATIVE (vtables, string
// slices in read-only data); unpacked, each takes 24 bytes of .rela.dyn. Android's loader reads the
// packed form of `--pack-dyn-relocs=android` from API 23, and the plugin's minSdk is 24
// (scripts/build-android.sh). The NDK's clang packs by itself (RELR) only from API 28: clang's
// Linux toolchain, "Android supports relr packing starting with API 28 and had its own flavor
// (--pack-dyn-relocs=android) starting in API 23". Same code, same loading; about 80 KB smaller.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("android") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android");
    }
}
