// The Server module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `Server` module.
public enum ServerModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "Server"
}
