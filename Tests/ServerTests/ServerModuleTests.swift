// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import Server

@Suite struct ServerModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(ServerModule.name == "Server")
    }
}
