// The Store module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `Store` module.
public enum StoreModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "Store"
}
