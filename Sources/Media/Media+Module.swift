// The Media module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `Media` module.
public enum MediaModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "Media"
}
