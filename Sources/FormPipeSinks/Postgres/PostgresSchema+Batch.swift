extension PostgresSchema {
    /// Version 2: `formpipe_load_documents(bundles jsonb)`, which replaces the rows of several
    /// documents in one statement, and `formpipe_load_document` rewritten as a batch of one.
    ///
    /// Why: version 1 ran fifteen statements and one commit per document, each statement with its
    /// own executor start-up and plan checks. A batch runs the same fifteen for all its documents:
    /// each child table gets one `DELETE … = ANY(keys)` and one set-wise `INSERT … SELECT` over
    /// every document of the batch. (The per-row work — parsing, index and foreign-key upkeep —
    /// stays; docs/benchmarks.md says what is left.)
    ///
    /// The batch is one transaction: its documents are committed together or not at all, so each
    /// document is still all-or-nothing. A document the server refuses (SQL state class 22 or 23)
    /// fails the whole statement; the sink then loads that batch's documents one by one, so only
    /// the bad one is rejected (``PostgresSink``). Within a batch, the upsert locks every
    /// document row first, as version 1 did for one, so two daemons loading the same bytes take
    /// turns. Two bundles of one document in a batch (two folders of the same bytes) count as
    /// one: the later publication is loaded and the other reported `stale`, which is what loading
    /// them in turn would have left.
    ///
    /// `jit = off`: the planner cannot know how many elements a JSON array holds and guesses 100
    /// per `jsonb_array_elements`; three nested make a million estimated rows, over the JIT
    /// threshold, and compiling the insert took 30–50 ms for a batch that holds a few dozen rows.
    ///
    /// Returns one outcome per bundle, in order: `loaded` or `stale` (the database already holds
    /// a newer publication).
    static let version2BatchLoader = """
        CREATE FUNCTION formpipe_load_documents(bundles jsonb) RETURNS text[]
            LANGUAGE plpgsql SET jit = off AS $$
        DECLARE
            keys text[];
            loaded jsonb;
            outcomes text[];
        BEGIN
            IF jsonb_typeof(bundles) IS DISTINCT FROM 'array' THEN
                RAISE EXCEPTION 'a batch of documents is a JSON array' USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT FROM jsonb_array_elements(bundles) AS b(bundle)
                       WHERE b.bundle #>> '{manifest,sha256}' IS NULL) THEN
                RAISE EXCEPTION 'manifest.json has no sha256' USING ERRCODE = '22023';
            END IF;

            WITH chosen AS (
                SELECT DISTINCT ON (b.bundle #>> '{manifest,sha256}') b.bundle #>> '{manifest,sha256}' AS key, b.bundle
                FROM jsonb_array_elements(bundles) AS b(bundle)
                ORDER BY b.bundle #>> '{manifest,sha256}', (b.bundle ->> 'revision')::bigint DESC
            ), upserted AS (
                INSERT INTO documents AS d (sha256, folder, name, kind, pages, status, forms, reviewed, converted_at,
                                            formpipe_version, revision, manifest, tables)
                SELECT key, bundle ->> 'folder', coalesce(bundle #>> '{manifest,source}', bundle ->> 'folder'),
                       bundle #>> '{manifest,inputKind}', formpipe_integer(bundle #> '{manifest,pageCount}'),
                       bundle #>> '{manifest,status}', jsonb_array_length(bundle -> 'forms'),
                       coalesce((bundle #>> '{review,reviewed}')::boolean, false),
                       (bundle ->> 'convertedAt')::timestamptz, bundle #>> '{manifest,formpipeVersion}',
                       (bundle ->> 'revision')::bigint, bundle -> 'manifest', nullif(bundle -> 'tables', 'null'::jsonb)
                FROM chosen
                ON CONFLICT (sha256) DO UPDATE SET
                    folder = EXCLUDED.folder, name = EXCLUDED.name, kind = EXCLUDED.kind, pages = EXCLUDED.pages,
                    status = EXCLUDED.status, forms = EXCLUDED.forms, reviewed = EXCLUDED.reviewed,
                    converted_at = EXCLUDED.converted_at, formpipe_version = EXCLUDED.formpipe_version,
                    revision = EXCLUDED.revision, manifest = EXCLUDED.manifest, tables = EXCLUDED.tables,
                    loaded_at = now()
                    WHERE d.revision <= EXCLUDED.revision
                RETURNING d.sha256
            )
            SELECT array_agg(u.sha256), jsonb_agg(c.bundle) INTO keys, loaded
            FROM upserted u JOIN chosen c ON c.key = u.sha256;

            SELECT array_agg(CASE WHEN c.bundle IS NULL THEN 'stale' ELSE 'loaded' END ORDER BY b.n) INTO outcomes
            FROM jsonb_array_elements(bundles) WITH ORDINALITY AS b(bundle, n)
            LEFT JOIN jsonb_array_elements(coalesce(loaded, '[]'::jsonb)) AS c(bundle)
                ON c.bundle #>> '{manifest,sha256}' = b.bundle #>> '{manifest,sha256}'
               AND c.bundle ->> 'revision' = b.bundle ->> 'revision';
            IF keys IS NULL THEN
                RETURN outcomes;
            END IF;

            DELETE FROM forms WHERE sha256 = ANY (keys);
            DELETE FROM funds WHERE sha256 = ANY (keys);
            DELETE FROM indicators WHERE sha256 = ANY (keys);
            DELETE FROM repairs WHERE sha256 = ANY (keys);
            DELETE FROM findings WHERE sha256 = ANY (keys);
            DELETE FROM review_decisions WHERE sha256 = ANY (keys);

            INSERT INTO forms (sha256, form, record, form_type, title, year, project_name, department,
                               implementing_unit, project_lead, phone, funds_unit, grade, total_weight, total_score,
                               annual_budget, executed, execution_rate, remarks, conclusion, problems, improvements)
            SELECT b.bundle #>> '{manifest,sha256}', f.number, f.record, f.record ->> 'formType', f.record ->> 'title',
                   formpipe_integer(f.record -> 'year'), f.record ->> 'projectName', f.record ->> 'department',
                   f.record ->> 'implementingUnit', f.record ->> 'projectLead', f.record ->> 'phone',
                   f.record ->> 'fundsUnit', f.record ->> 'grade',
                   formpipe_number(f.record #> '{total,weight}'), formpipe_number(f.record #> '{total,score}'),
                   formpipe_number(f.record #> '{funds,0,annualBudget}'), formpipe_number(f.record #> '{funds,0,executed}'),
                   formpipe_number(f.record #> '{funds,0,executionRate}'),
                   f.record ->> 'remarks', f.record ->> 'conclusion', f.record ->> 'problems', f.record ->> 'improvements'
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(b.bundle -> 'forms') WITH ORDINALITY AS f(record, number);

            INSERT INTO funds (sha256, form, position, item, initial_budget, annual_budget, executed, weight,
                               execution_rate, score, entry)
            SELECT b.bundle #>> '{manifest,sha256}', f.number, r.position - 1, r.entry ->> 'item',
                   formpipe_number(r.entry -> 'initialBudget'),
                   formpipe_number(r.entry -> 'annualBudget'), formpipe_number(r.entry -> 'executed'),
                   formpipe_number(r.entry -> 'weight'), formpipe_number(r.entry -> 'executionRate'),
                   formpipe_number(r.entry -> 'score'), r.entry
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(b.bundle -> 'forms') WITH ORDINALITY AS f(record, number),
                 jsonb_array_elements(CASE WHEN jsonb_typeof(f.record -> 'funds') = 'array'
                                           THEN f.record -> 'funds' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r(entry, position);

            INSERT INTO indicators (sha256, form, position, level1, level2, level3, target, actual, weight, score,
                                    deviation, entry)
            SELECT b.bundle #>> '{manifest,sha256}', f.number, r.position - 1, r.entry ->> 'level1',
                   r.entry ->> 'level2', r.entry ->> 'level3', r.entry ->> 'target', r.entry ->> 'actual',
                   formpipe_number(r.entry -> 'weight'), formpipe_number(r.entry -> 'score'), r.entry ->> 'deviation',
                   r.entry
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(b.bundle -> 'forms') WITH ORDINALITY AS f(record, number),
                 jsonb_array_elements(CASE WHEN jsonb_typeof(f.record -> 'indicators') = 'array'
                                           THEN f.record -> 'indicators' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r(entry, position);

            INSERT INTO repairs (sha256, id, form, field, page, rule, before, after, confidence, entry)
            SELECT b.bundle #>> '{manifest,sha256}', l.entry ->> 'id', formpipe_integer(l.entry -> 'form'),
                   l.entry ->> 'field', formpipe_integer(l.entry -> 'page'), l.entry ->> 'rule', l.entry ->> 'before',
                   l.entry ->> 'after', formpipe_number(l.entry -> 'confidence'), l.entry
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(b.bundle -> 'log') AS l(entry)
            WHERE l.entry ->> 'kind' IS DISTINCT FROM 'finding' AND l.entry ->> 'id' IS NOT NULL;

            INSERT INTO findings (sha256, id, form, rule, fields, message, entry)
            SELECT b.bundle #>> '{manifest,sha256}', l.entry ->> 'id', formpipe_integer(l.entry -> 'form'),
                   l.entry ->> 'rule',
                   CASE WHEN jsonb_typeof(l.entry -> 'fields') = 'array'
                        THEN ARRAY(SELECT jsonb_array_elements_text(l.entry -> 'fields')) END,
                   l.entry ->> 'message', l.entry
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(b.bundle -> 'log') AS l(entry)
            WHERE l.entry ->> 'kind' = 'finding' AND l.entry ->> 'id' IS NOT NULL;

            INSERT INTO review_decisions (sha256, id, action, form, field, repair, value, previous, who, decided_at,
                                          problem, entry)
            SELECT b.bundle #>> '{manifest,sha256}', d.entry ->> 'id', d.entry ->> 'action',
                   formpipe_integer(d.entry -> 'form'), d.entry ->> 'field', d.entry ->> 'repair', d.entry -> 'value',
                   d.entry -> 'previous', d.entry ->> 'who', d.entry ->> 'when', d.entry ->> 'problem', d.entry
            FROM jsonb_array_elements(loaded) AS b(bundle),
                 jsonb_array_elements(CASE WHEN jsonb_typeof(b.bundle #> '{review,decisions}') = 'array'
                                           THEN b.bundle #> '{review,decisions}' ELSE '[]'::jsonb END) AS d(entry)
            WHERE d.entry ->> 'id' IS NOT NULL;
            RETURN outcomes;
        END $$;

        CREATE OR REPLACE FUNCTION formpipe_load_document(bundle jsonb) RETURNS text
            LANGUAGE sql AS $$
            SELECT (formpipe_load_documents(jsonb_build_array(bundle)))[1] $$;
        """
}
