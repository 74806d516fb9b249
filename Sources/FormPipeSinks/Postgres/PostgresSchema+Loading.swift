extension PostgresSchema {
    /// Version 1: `formpipe_load_document(bundle jsonb)`, which replaces one document's rows.
    ///
    /// The whole document travels as one JSONB value and is unpacked by the server, so a document
    /// costs one round trip however many rows it has — the sink keeps up with a backlog. The
    /// function runs inside the caller's statement, hence in one transaction: readers see the old
    /// rows or the new ones.
    ///
    /// The upsert of the `documents` row comes first and locks that row, so two daemons loading
    /// the same bytes at once are serialized and the second replaces the first's rows instead of
    /// adding to them. A bundle older than the one stored (`revision`, the folder's publication
    /// time) is ignored: a slow daemon cannot overwrite a review decision another one already wrote.
    static let version1Loader = """
        CREATE FUNCTION formpipe_load_document(bundle jsonb) RETURNS text
            LANGUAGE plpgsql AS $$
        DECLARE
            key text := bundle #>> '{manifest,sha256}';
            stored bigint;
        BEGIN
            IF key IS NULL THEN
                RAISE EXCEPTION 'manifest.json has no sha256' USING ERRCODE = '22023';
            END IF;
            INSERT INTO documents AS d (sha256, folder, name, kind, pages, status, forms, reviewed, converted_at,
                                        formpipe_version, revision, manifest, tables)
            VALUES (key, bundle ->> 'folder', coalesce(bundle #>> '{manifest,source}', bundle ->> 'folder'),
                    bundle #>> '{manifest,inputKind}', formpipe_integer(bundle #> '{manifest,pageCount}'),
                    bundle #>> '{manifest,status}', jsonb_array_length(bundle -> 'forms'),
                    coalesce((bundle #>> '{review,reviewed}')::boolean, false),
                    (bundle ->> 'convertedAt')::timestamptz, bundle #>> '{manifest,formpipeVersion}',
                    (bundle ->> 'revision')::bigint, bundle -> 'manifest', nullif(bundle -> 'tables', 'null'::jsonb))
            ON CONFLICT (sha256) DO UPDATE SET
                folder = EXCLUDED.folder, name = EXCLUDED.name, kind = EXCLUDED.kind, pages = EXCLUDED.pages,
                status = EXCLUDED.status, forms = EXCLUDED.forms, reviewed = EXCLUDED.reviewed,
                converted_at = EXCLUDED.converted_at, formpipe_version = EXCLUDED.formpipe_version,
                revision = EXCLUDED.revision, manifest = EXCLUDED.manifest, tables = EXCLUDED.tables,
                loaded_at = now()
                WHERE d.revision <= EXCLUDED.revision
            RETURNING revision INTO stored;
            IF stored IS NULL THEN
                RETURN 'stale';
            END IF;

            DELETE FROM forms WHERE sha256 = key;
            DELETE FROM funds WHERE sha256 = key;
            DELETE FROM indicators WHERE sha256 = key;
            DELETE FROM repairs WHERE sha256 = key;
            DELETE FROM findings WHERE sha256 = key;
            DELETE FROM review_decisions WHERE sha256 = key;

            INSERT INTO forms (sha256, form, record, form_type, title, year, project_name, department,
                               implementing_unit, project_lead, phone, funds_unit, grade, total_weight, total_score,
                               annual_budget, executed, execution_rate, remarks, conclusion, problems, improvements)
            SELECT key, f.number, f.record, f.record ->> 'formType', f.record ->> 'title',
                   formpipe_integer(f.record -> 'year'), f.record ->> 'projectName', f.record ->> 'department',
                   f.record ->> 'implementingUnit', f.record ->> 'projectLead', f.record ->> 'phone',
                   f.record ->> 'fundsUnit', f.record ->> 'grade',
                   formpipe_number(f.record #> '{total,weight}'), formpipe_number(f.record #> '{total,score}'),
                   formpipe_number(f.record #> '{funds,0,annualBudget}'), formpipe_number(f.record #> '{funds,0,executed}'),
                   formpipe_number(f.record #> '{funds,0,executionRate}'),
                   f.record ->> 'remarks', f.record ->> 'conclusion', f.record ->> 'problems', f.record ->> 'improvements'
            FROM jsonb_array_elements(bundle -> 'forms') WITH ORDINALITY AS f(record, number);

            INSERT INTO funds (sha256, form, position, item, initial_budget, annual_budget, executed, weight,
                               execution_rate, score, entry)
            SELECT key, f.number, r.position - 1, r.entry ->> 'item', formpipe_number(r.entry -> 'initialBudget'),
                   formpipe_number(r.entry -> 'annualBudget'), formpipe_number(r.entry -> 'executed'),
                   formpipe_number(r.entry -> 'weight'), formpipe_number(r.entry -> 'executionRate'),
                   formpipe_number(r.entry -> 'score'), r.entry
            FROM jsonb_array_elements(bundle -> 'forms') WITH ORDINALITY AS f(record, number),
                 jsonb_array_elements(CASE WHEN jsonb_typeof(f.record -> 'funds') = 'array'
                                           THEN f.record -> 'funds' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r(entry, position);

            INSERT INTO indicators (sha256, form, position, level1, level2, level3, target, actual, weight, score,
                                    deviation, entry)
            SELECT key, f.number, r.position - 1, r.entry ->> 'level1', r.entry ->> 'level2', r.entry ->> 'level3',
                   r.entry ->> 'target', r.entry ->> 'actual', formpipe_number(r.entry -> 'weight'),
                   formpipe_number(r.entry -> 'score'), r.entry ->> 'deviation', r.entry
            FROM jsonb_array_elements(bundle -> 'forms') WITH ORDINALITY AS f(record, number),
                 jsonb_array_elements(CASE WHEN jsonb_typeof(f.record -> 'indicators') = 'array'
                                           THEN f.record -> 'indicators' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r(entry, position);

            INSERT INTO repairs (sha256, id, form, field, page, rule, before, after, confidence, entry)
            SELECT key, l.entry ->> 'id', formpipe_integer(l.entry -> 'form'), l.entry ->> 'field',
                   formpipe_integer(l.entry -> 'page'), l.entry ->> 'rule', l.entry ->> 'before', l.entry ->> 'after',
                   formpipe_number(l.entry -> 'confidence'), l.entry
            FROM jsonb_array_elements(bundle -> 'log') AS l(entry)
            WHERE l.entry ->> 'kind' IS DISTINCT FROM 'finding' AND l.entry ->> 'id' IS NOT NULL;

            INSERT INTO findings (sha256, id, form, rule, fields, message, entry)
            SELECT key, l.entry ->> 'id', formpipe_integer(l.entry -> 'form'), l.entry ->> 'rule',
                   CASE WHEN jsonb_typeof(l.entry -> 'fields') = 'array'
                        THEN ARRAY(SELECT jsonb_array_elements_text(l.entry -> 'fields')) END,
                   l.entry ->> 'message', l.entry
            FROM jsonb_array_elements(bundle -> 'log') AS l(entry)
            WHERE l.entry ->> 'kind' = 'finding' AND l.entry ->> 'id' IS NOT NULL;

            INSERT INTO review_decisions (sha256, id, action, form, field, repair, value, previous, who, decided_at,
                                          problem, entry)
            SELECT key, d.entry ->> 'id', d.entry ->> 'action', formpipe_integer(d.entry -> 'form'),
                   d.entry ->> 'field', d.entry ->> 'repair', d.entry -> 'value', d.entry -> 'previous',
                   d.entry ->> 'who', d.entry ->> 'when', d.entry ->> 'problem', d.entry
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(bundle #> '{review,decisions}') = 'array'
                                           THEN bundle #> '{review,decisions}' ELSE '[]'::jsonb END) AS d(entry)
            WHERE d.entry ->> 'id' IS NOT NULL;
            RETURN 'loaded';
        END $$;
        """

    /// Version 1: the views people ask for first. Documented in docs/sinks.md.
    static let version1Views = """
        CREATE VIEW execution_by_department AS
            SELECT department,
                   count(*) AS forms,
                   sum(annual_budget) AS annual_budget,
                   sum(executed) AS executed,
                   round(100 * sum(executed) / nullif(sum(annual_budget), 0), 2) AS execution_rate
            FROM forms
            GROUP BY department;

        CREATE VIEW indicators_with_deviation AS
            SELECT f.department, f.project_name, f.year, i.level1, i.level2, i.level3, i.target, i.actual,
                   i.weight, i.score, i.deviation, d.folder, i.sha256, i.form
            FROM indicators i
            JOIN forms f USING (sha256, form)
            JOIN documents d USING (sha256)
            WHERE nullif(btrim(i.deviation), '') IS NOT NULL AND btrim(i.deviation) NOT IN ('无', '/', '-', '—');

        CREATE VIEW findings_by_rule AS
            SELECT rule, count(*) AS findings, count(DISTINCT sha256) AS documents
            FROM findings
            GROUP BY rule;
        """
}
