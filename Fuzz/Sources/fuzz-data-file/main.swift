import AssayCore
import CFuzzer
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// Every kind of data file the plugins read, as (plugin, kind).
let host = try! PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators()])
let kinds = host.plugins.flatMap { plugin in plugin.dataFileKinds.map { (type(of: plugin).name, $0.name) } }

/// One input: its first byte picks a kind of data file, the rest is the file. It must load or
/// be refused with located errors, never both, and a loaded file must keep its hash when stored
/// and read back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataFile(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let (plugin, kind) = kinds[Int(data[0]) % kinds.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
    guard let (file, errors) = try? host.loadDataFile(plugin: plugin, kind: kind, bytes: bytes, file: "fuzz.yaml") else { return 0 }
    precondition((file == nil) == !errors.isEmpty, "a data file both loaded and refused, or neither")
    if let file {
        let value = try! RecordValue(encoding: file)
        precondition(try! value.decode(as: StoredDataFile.self).hash == file.hash, "a stored data file changed its hash")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzDataFile))
