public enum FormPipeVersion {
    public static let current = "0.1.0"
}
