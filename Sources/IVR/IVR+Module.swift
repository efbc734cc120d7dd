// The IVR module of Kefu; see ../shared/DESIGN.md for what it owns.

/// Facts about the `IVR` module.
public enum IVRModule {
    /// The module's name as DESIGN.md lists it.
    public static let name = "IVR"
}
