// The routes the agent desktop and the supervisor wallboard need beyond the core API: the
// desk's settings, call notes, the screen pop and the wallboard snapshot, registered together.

/// Registers ``DeskSettingsRoutes``, ``CallNoteRoutes``, ``ScreenPopRoutes`` and ``WallboardRoutes``.
struct DeskRoutes {
    let services: ServerServices

    func register(on routes: APIRouteRecorder) {
        DeskSettingsRoutes(services: services).register(on: routes)
        CallNoteRoutes(services: services).register(on: routes)
        ScreenPopRoutes(services: services).register(on: routes)
        WallboardRoutes(services: services).register(on: routes)
    }
}
