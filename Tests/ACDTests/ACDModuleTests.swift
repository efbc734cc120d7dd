// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import ACD

@Suite struct ACDModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(ACDModule.name == "ACD")
    }
}
