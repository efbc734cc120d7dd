// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import CallCenter

@Suite struct CallCenterModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(CallCenterModule.name == "CallCenter")
    }
}
