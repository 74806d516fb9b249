extension PostgresSchema {
    /// Version 3: statistics of the growing tables are refreshed when a table has grown by half
    /// (and by at least 1,000 rows) since the last `ANALYZE`, instead of PostgreSQL's default of
    /// every 10 % (and 50 rows).
    ///
    /// Why: a backlog grows these tables by thousands of rows a minute from empty, and the default
    /// re-analyzed each of them some eighty times on the way to 100,000 rows, each time sampling up
    /// to 30,000 rows: a quarter of the server's CPU per document in the sink benchmark
    /// (docs/benchmarks.md). Statistics within a factor of 1.5 of the truth are plenty for the
    /// documented views, whose plans (scans and hash aggregates) do not change with size.
    /// Vacuum (dead rows of replaced documents) keeps PostgreSQL's defaults.
    static let version3Statistics = """
        ALTER TABLE documents SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE forms SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE funds SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE indicators SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE repairs SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE findings SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        ALTER TABLE review_decisions SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_analyze_threshold = 1000);
        """
}
