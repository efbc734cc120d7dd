// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import SIPStack

@Suite struct SIPStackModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(SIPStackModule.name == "SIPStack")
    }
}
