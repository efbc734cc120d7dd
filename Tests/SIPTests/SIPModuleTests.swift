// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import SIP

@Suite struct SIPModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(SIPModule.name == "SIP")
    }
}
