// The ACD module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `ACD` module.
public enum ACDModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "ACD"
}
