// KeyWrapperBridge: hands a Swift key wrapper to the core as the C struct of `dnp_init`
// (DnpKeyWrapper in rust/ffi/include/daily_notification.h). Needs only Foundation and the core's
// header, so it is also compiled and run on Linux against the real core (tests/ios/linux).
import DailyNotificationCore
import Foundation

/// Why a key wrapper callback failed, as the core distinguishes it.
enum KeyWrapperFailure: Error, Equatable {
    /// The key is gone or cannot decrypt any more: the core reports KEY_UNAVAILABLE and the next
    /// configure starts a new store.
    case unavailable
    /// Anything else (a locked device, a Keychain error): KEY_WRAPPER_FAILED, the store is kept.
    case failed
}

/// The vault's data key wrapper (docs/c-abi.md, "Key wrapper"). KeychainKeyWrapper is the iOS one.
/// The core may call it from several threads at once.
protocol DataKeyWrapper: AnyObject {
    func wrap(_ dataKey: Data) -> Result<Data, KeyWrapperFailure>
    func unwrap(_ wrapped: Data) -> Result<Data, KeyWrapperFailure>
    func delete() -> Result<Void, KeyWrapperFailure>
}

/// The C struct for `dnp_init`. The library holds one retain of the wrapper (boxed: a protocol
/// value has no single object identity for Unmanaged) and gives it back through `release`.
func cKeyWrapper(_ wrapper: DataKeyWrapper) -> DnpKeyWrapper {
    DnpKeyWrapper(
        context: Unmanaged.passRetained(KeyWrapperBox(wrapper)).toOpaque(),
        wrap: wrapCallback,
        unwrap: unwrapCallback,
        delete_key: deleteCallback,
        release: releaseCallback)
}

private final class KeyWrapperBox {
    let wrapper: DataKeyWrapper
    init(_ wrapper: DataKeyWrapper) { self.wrapper = wrapper }
}

// C callbacks: no captures allowed, so they reach the wrapper through the context pointer.

private func wrapper(_ context: UnsafeMutableRawPointer?) -> DataKeyWrapper? {
    context.map { Unmanaged<KeyWrapperBox>.fromOpaque($0).takeUnretainedValue().wrapper }
}

/// Copies a result into the library's buffer; a result larger than `capacity` is a failure.
private func copyOut(
    _ result: Result<Data, KeyWrapperFailure>,
    _ output: UnsafeMutablePointer<UInt8>?,
    _ capacity: Int,
    _ outputLength: UnsafeMutablePointer<Int>?
) -> Int32 {
    switch result {
    case .failure(let failure):
        return status(failure)
    case .success(let bytes):
        guard let output, let outputLength, bytes.count <= capacity else { return DNP_KEY_CALLBACK_FAILED }
        bytes.copyBytes(to: output, count: bytes.count)
        outputLength.pointee = bytes.count
        return DNP_KEY_CALLBACK_OK
    }
}

private func status(_ failure: KeyWrapperFailure) -> Int32 {
    switch failure {
    case .unavailable: return DNP_KEY_CALLBACK_UNAVAILABLE
    case .failed: return DNP_KEY_CALLBACK_FAILED
    }
}

private let wrapCallback: DnpKeyTransformFn = { context, input, inputLength, output, capacity, outputLength in
    guard let wrapper = wrapper(context), let input else { return DNP_KEY_CALLBACK_FAILED }
    return copyOut(wrapper.wrap(Data(bytes: input, count: inputLength)), output, capacity, outputLength)
}

private let unwrapCallback: DnpKeyTransformFn = { context, input, inputLength, output, capacity, outputLength in
    guard let wrapper = wrapper(context), let input else { return DNP_KEY_CALLBACK_FAILED }
    return copyOut(wrapper.unwrap(Data(bytes: input, count: inputLength)), output, capacity, outputLength)
}

private let deleteCallback: DnpKeyDeleteFn = { context in
    guard let wrapper = wrapper(context) else { return DNP_KEY_CALLBACK_FAILED }
    switch wrapper.delete() {
    case .success: return DNP_KEY_CALLBACK_OK
    case .failure(let failure): return status(failure)
    }
}

private let releaseCallback: DnpKeyReleaseFn = { context in
    guard let context else { return }
    Unmanaged<KeyWrapperBox>.fromOpaque(context).release()
}
