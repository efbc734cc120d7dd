// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import Store

@Suite struct StoreModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(StoreModule.name == "Store")
    }
}
