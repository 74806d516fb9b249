// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "formpipe",
    // Linux only (no `platforms`): the daemon watches with inotify, publishes with renameat2 and
    // reads its workers' memory from /proc; `Synchronization.Mutex` would need macOS 15 anyway.
    products: [
        .executable(name: "formpipe", targets: ["formpipe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "tesseract-ocr-chi-sim", "tesseract-ocr-eng"])]
        ),
        .systemLibrary(
            name: "CLeptonica",
            pkgConfig: "lept",
            providers: [.apt(["libleptonica-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "CSystemSupport"),
        // Fuzzing (scripts/fuzz.sh): libFuzzer's driver declaration and the fuzz executable.
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "formpipe-fuzz", dependencies: ["FormPipeFuzzing", "CLibFuzzer"]),
        // The stages, each a target that imports only earlier ones (docs/architecture.md, "Layering"):
        // what crosses a target is `package`, `public` stays for what the CLI, the review server and
        // the tests use as a library.
        // Values every stage shares: errors, JSON with printed numbers, the label normalizer, locks,
        // system calls, the input's kind.
        .target(
            name: "FormPipeCore",
            dependencies: [
                "CLibXML2",
                "CSystemSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Page geometry: rulings, table grids, cells, text lines; the extracted document's types.
        .target(name: "FormPipeLayout", dependencies: ["FormPipeCore", "CLeptonica"]),
        // The form described as data: fields, labels, column headers, the indicator vocabulary, and
        // which cell of an indicator row holds which field (IndicatorRowLayout, hence Layout).
        .target(name: "FormPipeDefinition", dependencies: ["FormPipeCore", "FormPipeLayout"]),
        // Bytes to an ExtractedDocument: PDF (Poppler), scans (Tesseract | PP-OCR), OCR HTML, OCR text.
        .target(
            name: "FormPipeExtract",
            dependencies: ["FormPipeCore", "FormPipeLayout", "FormPipeDefinition", "CPoppler", "CTesseract", "CLibXML2"]
        ),
        // Cell text to repaired text, each change a logged Repair: the cell-text rules and the
        // row rules (fill-down, displaced labels), which the record stage calls.
        .target(name: "FormPipeRepair", dependencies: ["FormPipeCore", "FormPipeLayout", "FormPipeDefinition"]),
        // Blocks to records: forms split out and recognized, each mapped to a FormRecord with its
        // repairs and findings; the tables no form took as the TableRecord; a record's fields by path.
        .target(
            name: "FormPipeRecord",
            dependencies: ["FormPipeCore", "FormPipeLayout", "FormPipeDefinition", "FormPipeRepair"]
        ),
        // The input as bytes: SourceFile (kind, size), its SHA-256, the name an output folder gets
        // from it; BlockingIO, which runs such file work off the cooperative pool.
        .target(
            name: "FormPipeIntake",
            dependencies: ["FormPipeCore", "CCrypto", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Records to files: the JSON and XML writers (+ schema), the manifest, output file names,
        // the folder publisher and the output-name reservations.
        .target(
            name: "FormPipeEmit",
            dependencies: [
                "FormPipeCore", "FormPipeLayout", "FormPipeDefinition", "FormPipeRepair", "FormPipeRecord",
                "FormPipeIntake", "CLibXML2", "CSystemSupport",
            ]
        ),
        // pipeline.json: PipelineConfig and its strict loading, the PostgreSQL sink's settings,
        // the log's metadata keys. Above Extract and Emit only for the OCR engine and output format
        // it names.
        .target(
            name: "FormPipeConfig",
            dependencies: [
                "FormPipeCore", "FormPipeExtract", "FormPipeEmit", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A published folder read back, decisions applied, review pages and crops written.
        .target(
            name: "FormPipeReview",
            dependencies: [
                "FormPipeCore", "FormPipeLayout", "FormPipeDefinition", "FormPipeExtract", "FormPipeRepair",
                "FormPipeRecord", "FormPipeIntake", "FormPipeEmit", "CPoppler",
            ]
        ),
        // Published folders to elsewhere: the sink queue, PostgreSQL, xlsx/csv export. Above review:
        // a sink reads the folder's review ledger.
        .target(
            name: "FormPipeSinks",
            dependencies: [
                "FormPipeCore", "FormPipeRecord", "FormPipeIntake", "FormPipeEmit", "FormPipeReview", "FormPipeConfig",
                "CXLSXWriter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // One file through every stage: Converter, DocumentConverter.
        .target(
            name: "FormPipePipeline",
            dependencies: [
                "FormPipeCore", "FormPipeLayout", "FormPipeExtract", "FormPipeRepair", "FormPipeRecord",
                "FormPipeIntake", "FormPipeEmit", "FormPipeReview", "FormPipeConfig",
            ]
        ),
        // The inbox daemon: watching and claiming, the worker pool (and `convert --jobs` on it),
        // archiving, status.
        .target(
            name: "FormPipeDaemon",
            dependencies: [
                "FormPipeCore", "FormPipeExtract", "FormPipeIntake", "FormPipeEmit", "FormPipeReview",
                "FormPipeConfig", "FormPipeSinks", "FormPipePipeline",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The fuzz targets' bodies (scripts/fuzz.sh), run by formpipe-fuzz and replayed by the tests.
        .target(
            name: "FormPipeFuzzing",
            dependencies: [
                "FormPipeCore", "FormPipeLayout", "FormPipeExtract", "FormPipeRepair", "FormPipeRecord",
                "FormPipeReview", "FormPipeConfig", "FormPipePipeline",
            ]
        ),
        // `formpipe review --serve`: the review in the browser, kept apart so the library the
        // daemon's workers run stays free of an HTTP server.
        .target(
            name: "FormPipeReviewServer",
            dependencies: [
                "FormPipeCore",
                "FormPipeRecord",
                "FormPipeEmit",
                "FormPipeReview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "formpipe",
            dependencies: [
                "FormPipeCore",
                "FormPipeExtract",
                "FormPipeRepair",
                "FormPipeRecord",
                "FormPipeIntake",
                "FormPipeEmit",
                "FormPipeConfig",
                "FormPipeReview",
                "FormPipeSinks",
                "FormPipePipeline",
                "FormPipeDaemon",
                "FormPipeReviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "FormPipeTests",
            // CPoppler for cairo: the OCR tests draw their own text images.
            dependencies: [
                "FormPipeCore",
                "FormPipeLayout",
                "FormPipeDefinition",
                "FormPipeExtract",
                "FormPipeRepair",
                "FormPipeRecord",
                "FormPipeIntake",
                "FormPipeEmit",
                "FormPipeConfig",
                "FormPipeReview",
                "FormPipeSinks",
                "FormPipePipeline",
                "FormPipeDaemon",
                "FormPipeFuzzing",
                "CPoppler",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
