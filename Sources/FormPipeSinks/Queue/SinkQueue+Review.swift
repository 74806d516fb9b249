import FormPipeConfig
import FormPipeReview

extension SinkQueue: RepublishedFolderQueue {}

extension DocumentReviewer {
    /// The outbox and sink queue of a configuration.
    public init(config: PipelineConfig) {
        self.init(outbox: config.outbox, sinkQueue: config.sinkQueue)
    }
}
