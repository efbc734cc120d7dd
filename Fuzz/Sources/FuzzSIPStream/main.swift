// libFuzzer entry for FuzzSIPStream: hands each input to FuzzHarness.sipStream (see FuzzHarness.swift).
// Top-level code passes the callback to libFuzzer's driver, the recipe that links on
// Swift 6.3.1 for Linux (STYLE.md).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzHarness

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    FuzzHarness.sipStream(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
})
