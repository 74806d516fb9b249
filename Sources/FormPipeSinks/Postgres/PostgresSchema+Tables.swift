extension PostgresSchema {
    /// Version 1: the tables, one row per document, form, funds row, indicator, repair, finding
    /// and review decision. Every child row names its document by `sha256` and is deleted with
    /// it, so replacing a document is one `DELETE` of its children and one upsert of its row.
    ///
    /// Typed columns are read from the record with `->>` and the safe casts below, never with a
    /// plain `::numeric`: a record key that arrives later (contract v2 and beyond) or a value of
    /// another type becomes NULL in its column and stays intact in the `record` JSONB.
    static let version1Tables = """
        CREATE FUNCTION formpipe_number(value jsonb) RETURNS numeric
            LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric END $$;

        CREATE FUNCTION formpipe_integer(value jsonb) RETURNS integer
            LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN jsonb_typeof(value) = 'number' AND (value #>> '{}') ~ '^-?[0-9]{1,9}$'
                        THEN (value #>> '{}')::integer END $$;

        CREATE TABLE documents (
            sha256           text PRIMARY KEY,
            folder           text NOT NULL,
            name             text NOT NULL,
            kind             text,
            pages            integer,
            status           text,
            forms            integer NOT NULL,
            reviewed         boolean NOT NULL DEFAULT false,
            converted_at     timestamptz,
            formpipe_version text,
            revision         bigint NOT NULL,
            manifest         jsonb NOT NULL,
            tables           jsonb,
            loaded_at        timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE forms (
            sha256             text NOT NULL REFERENCES documents ON DELETE CASCADE,
            form               integer NOT NULL,
            record             jsonb NOT NULL,
            form_type          text,
            title              text,
            year               integer,
            project_name       text,
            department         text,
            implementing_unit  text,
            project_lead       text,
            phone              text,
            funds_unit         text,
            grade              text,
            total_weight       numeric,
            total_score        numeric,
            annual_budget      numeric,
            executed           numeric,
            execution_rate     numeric,
            remarks            text,
            conclusion         text,
            problems           text,
            improvements       text,
            PRIMARY KEY (sha256, form)
        );
        CREATE INDEX forms_department ON forms (department);

        CREATE TABLE funds (
            sha256          text NOT NULL REFERENCES documents ON DELETE CASCADE,
            form            integer NOT NULL,
            position        integer NOT NULL,
            item            text,
            initial_budget  numeric,
            annual_budget   numeric,
            executed        numeric,
            weight          numeric,
            execution_rate  numeric,
            score           numeric,
            entry           jsonb NOT NULL,
            PRIMARY KEY (sha256, form, position)
        );

        CREATE TABLE indicators (
            sha256     text NOT NULL REFERENCES documents ON DELETE CASCADE,
            form       integer NOT NULL,
            position   integer NOT NULL,
            level1     text,
            level2     text,
            level3     text,
            target     text,
            actual     text,
            weight     numeric,
            score      numeric,
            deviation  text,
            entry      jsonb NOT NULL,
            PRIMARY KEY (sha256, form, position)
        );

        CREATE TABLE repairs (
            sha256      text NOT NULL REFERENCES documents ON DELETE CASCADE,
            id          text NOT NULL,
            form        integer,
            field       text,
            page        integer,
            rule        text,
            before      text,
            after       text,
            confidence  numeric,
            entry       jsonb NOT NULL,
            PRIMARY KEY (sha256, id)
        );
        CREATE INDEX repairs_rule ON repairs (rule);

        CREATE TABLE findings (
            sha256   text NOT NULL REFERENCES documents ON DELETE CASCADE,
            id       text NOT NULL,
            form     integer,
            rule     text,
            fields   text[],
            message  text,
            entry    jsonb NOT NULL,
            PRIMARY KEY (sha256, id)
        );
        CREATE INDEX findings_rule ON findings (rule);

        CREATE TABLE review_decisions (
            sha256    text NOT NULL REFERENCES documents ON DELETE CASCADE,
            id        text NOT NULL,
            action    text,
            form      integer,
            field     text,
            repair    text,
            value     jsonb,
            previous  jsonb,
            who       text,
            decided_at text,
            problem   text,
            entry     jsonb NOT NULL,
            PRIMARY KEY (sha256, id)
        );
        """
}
