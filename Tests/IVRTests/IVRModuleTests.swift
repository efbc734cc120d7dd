// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import IVR

@Suite struct IVRModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(IVRModule.name == "IVR")
    }
}
