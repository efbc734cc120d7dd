// Placeholder suite so the target builds until the module's own tests land.
import Testing
@testable import Media

@Suite struct MediaModuleTests {
    @Test("the module reports its own name")
    func moduleName() {
        #expect(MediaModule.name == "Media")
    }
}
