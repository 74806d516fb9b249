import FormPipeConfig

// Here rather than beside the settings: the options are the converter's type, and the
// configuration sits below the pipeline.
extension PipelineConfig {
    /// The conversion options the workers run with.
    public var conversionOptions: ConversionOptions {
        var options = ConversionOptions(formats: Set(outputFormats), maxFileBytes: Int(maxFileMB * 1_048_576))
        options.ocrLanguages = ocrLanguages
        options.ocrEngine = ocrEngine
        return options
    }
}
