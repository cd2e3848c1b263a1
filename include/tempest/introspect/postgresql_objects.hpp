#pragma once
// PostgreSQL introspection of what tempest does not model, in one catalog query: native enum types
// (which it does model, read here to save a round trip), and as unmanaged objects with the DDL that
// recreates them: extensions, collations, domains, composite and range types, functions and
// procedures, sequences no serial column owns, views and materialized views (and their indexes),
// triggers, partitions, row security policies, table options (UNLOGGED, storage parameters, row
// level security) and comments. Objects that belong to an extension are the extension's.
// Each names the unmanaged objects it needs (pg_depend), so that create_schema recreates them in
// order. Types, domains, collations, sequences and functions come before the tables (columns,
// defaults and checks use them); the rest after, and so do the functions that need a table: those
// whose signature has a table's row type, and LANGUAGE sql ones, whose bodies are checked against
// the tables when they are created.

#include <string_view>

namespace tempest::detail {

// Rows: kind, name, table, ddl (for an enum: its labels as a JSON array), before tables, needs
// (a JSON array of names); and one row ('setting', standard_conforming_strings).
inline constexpr std::string_view postgresql_objects_query = R"sql(
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()),
member AS (
  SELECT d.classid, d.objid, e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'),
needs AS (
  SELECT dependent.classid, dependent.objid, json_agg(DISTINCT needed.name ORDER BY needed.name)::text AS names
  FROM pg_depend d
  LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
  CROSS JOIN LATERAL (SELECT CASE WHEN r.oid IS NULL THEN d.classid ELSE 'pg_class'::regclass END AS classid,
                             coalesce(r.ev_class, d.objid) AS objid) dependent
  LEFT JOIN pg_type rt ON d.refclassid = 'pg_type'::regclass AND rt.oid = d.refobjid
  CROSS JOIN LATERAL (SELECT CASE WHEN rt.typelem <> 0 AND rt.typlen = -1 THEN rt.typelem ELSE d.refobjid END AS oid) ref
  LEFT JOIN member m ON m.classid = d.refclassid AND m.objid = ref.oid
  LEFT JOIN pg_class rc ON d.refclassid = 'pg_class'::regclass AND rc.oid = ref.oid AND rc.relkind IN ('v', 'm', 'p', 'S')
  LEFT JOIN pg_type ty ON d.refclassid = 'pg_type'::regclass AND ty.oid = ref.oid AND ty.typtype IN ('d', 'c', 'r')
  LEFT JOIN pg_collation co ON d.refclassid = 'pg_collation'::regclass AND co.oid = ref.oid
  LEFT JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = ref.oid
  CROSS JOIN LATERAL (SELECT coalesce(m.extname, rc.relname, ty.typname, co.collname,
                                      p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')') AS name) needed
  WHERE d.refobjid >= 16384 AND d.deptype = 'n' AND needed.name IS NOT NULL
    AND d.classid IN ('pg_rewrite'::regclass, 'pg_type'::regclass, 'pg_class'::regclass, 'pg_proc'::regclass, 'pg_trigger'::regclass)
    AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = coalesce(r.ev_class, 0))
  GROUP BY dependent.classid, dependent.objid)
SELECT kind, name, table_name, ddl, before_tables::text, needs FROM (
SELECT 'setting', current_setting('standard_conforming_strings'), NULL, NULL, NULL, NULL
UNION ALL
SELECT 'enum', t.typname, NULL, (SELECT json_agg(enumlabel ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid)::text, true, NULL
FROM pg_type t WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typtype = 'e'
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid)
UNION ALL
SELECT 'extension', e.extname, NULL, 'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname) ||
       CASE WHEN e.extnamespace <> (SELECT oid FROM ns) THEN ' SCHEMA ' || quote_ident(n.nspname) ELSE '' END || ' CASCADE', true, NULL
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'
UNION ALL
SELECT 'collation', co.collname, NULL,
       'CREATE COLLATION ' || quote_ident(co.collname) || ' (' ||
       CASE co.collprovider WHEN 'i' THEN 'provider = icu, locale = ' || quote_literal(co.colliculocale)
            ELSE 'provider = libc, lc_collate = ' || quote_literal(co.collcollate) || ', lc_ctype = ' || quote_literal(co.collctype) END ||
       CASE WHEN co.collisdeterministic THEN '' ELSE ', deterministic = false' END || ')', true, NULL
FROM pg_collation co WHERE co.collnamespace = (SELECT oid FROM ns)
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_collation'::regclass AND m.objid = co.oid)
UNION ALL
SELECT 'domain', t.typname, NULL,
       'CREATE DOMAIN ' || quote_ident(t.typname) || ' AS ' || format_type(t.typbasetype, t.typtypmod) ||
       CASE WHEN t.typcollation <> bt.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END ||
       CASE WHEN t.typdefaultbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0) ELSE '' END ||
       CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END ||
       coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' ORDER BY con.conname)
                 FROM pg_constraint con WHERE con.contypid = t.oid), ''), true, needs.names
FROM pg_type t JOIN pg_type bt ON bt.oid = t.typbasetype LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN needs ON needs.classid = 'pg_type'::regclass AND needs.objid = t.oid
WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typtype = 'd'
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid)
UNION ALL
SELECT 'type', t.typname, NULL,
       'CREATE TYPE ' || quote_ident(t.typname) || ' AS (' ||
       coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) ||
                 CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END, ', ' ORDER BY a.attnum)
                 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')', true, needs.names
FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN needs ON needs.classid = 'pg_class'::regclass AND needs.objid = c.oid
WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typtype = 'c'
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid)
UNION ALL
SELECT 'type', t.typname, NULL,
       'CREATE TYPE ' || quote_ident(t.typname) || ' AS RANGE (SUBTYPE = ' || format_type(r.rngsubtype, NULL) ||
       CASE WHEN r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc ELSE '' END || ')', true, needs.names
FROM pg_type t JOIN pg_range r ON r.rngtypid = t.oid
LEFT JOIN needs ON needs.classid = 'pg_type'::regclass AND needs.objid = t.oid
WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typtype = 'r'
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid)
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
       p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, pg_get_functiondef(p.oid),
       l.lanname <> 'sql' AND NOT EXISTS (  -- a table's row type in its signature
         SELECT 1 FROM pg_depend d JOIN pg_type t ON t.oid = d.refobjid JOIN pg_class r ON r.oid = t.typrelid
         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_type'::regclass
           AND r.relkind IN ('r', 'p', 'v', 'm')), needs.names
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN needs ON needs.classid = 'pg_proc'::regclass AND needs.objid = p.oid
WHERE p.pronamespace = (SELECT oid FROM ns) AND p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)
UNION ALL
SELECT 'sequence', c.relname, NULL,
       'CREATE SEQUENCE ' || quote_ident(c.relname) || ' AS ' || format_type(s.seqtypid, NULL) || ' INCREMENT BY ' || s.seqincrement ||
       ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' START WITH ' || s.seqstart || ' CACHE ' || s.seqcache ||
       CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END, true, NULL
FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind = 'S'
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
  AND NOT EXISTS (  -- the sequence of an identity column, or of a serial one
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
      AND (d.deptype = 'i' OR (d.deptype = 'a' AND EXISTS (
        SELECT 1 FROM pg_attrdef ad WHERE ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid
          AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(' || quote_literal(c.oid::regclass::text) || '::regclass)'))))
UNION ALL
SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, c.relname, NULL,
       'CREATE ' || CASE c.relkind WHEN 'v' THEN 'VIEW ' ELSE 'MATERIALIZED VIEW ' END || quote_ident(c.relname) ||
       CASE WHEN c.reloptions IS NOT NULL THEN ' WITH (' || array_to_string(c.reloptions, ', ') || ')' ELSE '' END ||
       ' AS ' || rtrim(pg_get_viewdef(c.oid, true), ';') ||
       CASE WHEN c.relkind = 'm' AND NOT c.relispopulated THEN ' WITH NO DATA' ELSE '' END, false, needs.names
FROM pg_class c LEFT JOIN needs ON needs.classid = 'pg_class'::regclass AND needs.objid = c.oid
WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
UNION ALL
SELECT 'index', i.relname, c.relname, pg_get_indexdef(i.oid), false, json_build_array(c.relname)::text
FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid
WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind = 'm'
UNION ALL
SELECT 'trigger', tg.tgname, c.relname, pg_get_triggerdef(tg.oid), false,
       (SELECT json_agg(x ORDER BY x) FROM (SELECT json_array_elements_text(needs.names::json) UNION SELECT c.relname WHERE c.relkind <> 'r') n(x))::text
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
LEFT JOIN needs ON needs.classid = 'pg_trigger'::regclass AND needs.objid = tg.oid
WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT tg.tgisinternal AND tg.tgparentid = 0
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
UNION ALL
SELECT 'partition', c.relname, parent.relname,
       'CREATE TABLE ' || quote_ident(c.relname) || ' PARTITION OF ' || quote_ident(parent.relname) || ' ' || pg_get_expr(c.relpartbound, c.oid) ||
       CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END, false, json_build_array(parent.relname)::text
FROM pg_class c JOIN pg_inherits h ON h.inhrelid = c.oid JOIN pg_class parent ON parent.oid = h.inhparent
WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relispartition AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'table options', c.relname, NULL,
       concat_ws(E';\n', CASE WHEN c.relpersistence = 'u' THEN 'ALTER TABLE ' || quote_ident(c.relname) || ' SET UNLOGGED' END,
                 CASE WHEN c.reloptions IS NOT NULL THEN 'ALTER TABLE ' || quote_ident(c.relname) || ' SET (' || array_to_string(c.reloptions, ', ') || ')' END,
                 CASE WHEN c.relrowsecurity THEN 'ALTER TABLE ' || quote_ident(c.relname) || ' ENABLE ROW LEVEL SECURITY' END,
                 CASE WHEN c.relforcerowsecurity THEN 'ALTER TABLE ' || quote_ident(c.relname) || ' FORCE ROW LEVEL SECURITY' END),
       false, NULL
FROM pg_class c
WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND (c.relpersistence = 'u' OR c.reloptions IS NOT NULL OR c.relrowsecurity OR c.relforcerowsecurity)
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
UNION ALL
SELECT 'policy', p.polname, c.relname,
       'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || quote_ident(c.relname) ||
       CASE WHEN p.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END ||
       ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END ||
       ' TO ' || CASE WHEN p.polroles = '{0}' THEN 'PUBLIC'
                      ELSE (SELECT string_agg(quote_ident(rolname), ', ' ORDER BY rolname) FROM pg_roles WHERE oid = ANY (p.polroles)) END ||
       CASE WHEN p.polqual IS NOT NULL THEN ' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')' ELSE '' END ||
       CASE WHEN p.polwithcheck IS NOT NULL THEN ' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')' ELSE '' END,
       false, CASE WHEN c.relrowsecurity OR c.relkind = 'p' THEN json_build_array(c.relname)::text END
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = (SELECT oid FROM ns)
UNION ALL
SELECT 'comment on ' || CASE o.type WHEN 'table column' THEN 'column' WHEN 'table constraint' THEN 'constraint'
                                    WHEN 'domain constraint' THEN 'constraint' ELSE o.type END,
       coalesce(a.attname, target.name), CASE WHEN a.attname IS NOT NULL THEN c.relname ELSE parent.relname END,
       'COMMENT ON ' || CASE o.type WHEN 'table column' THEN 'COLUMN' WHEN 'table constraint' THEN 'CONSTRAINT'
                                    WHEN 'domain constraint' THEN 'CONSTRAINT' ELSE upper(o.type) END ||
       ' ' || CASE o.type WHEN 'domain constraint' THEN quote_ident(con.conname) || ' ON DOMAIN ' || con.contypid::regtype::text
                          ELSE o.identity END || ' IS ' || quote_literal(d.description), false,
       CASE WHEN owner.name = target.name THEN json_build_array(target.name)
            ELSE json_build_array(owner.name, target.name) END::text
FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
LEFT JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid <> 0
LEFT JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
LEFT JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
LEFT JOIN pg_constraint con ON d.classoid = 'pg_constraint'::regclass AND con.oid = d.objoid
LEFT JOIN pg_trigger tg ON d.classoid = 'pg_trigger'::regclass AND tg.oid = d.objoid
LEFT JOIN pg_class parent ON parent.oid = coalesce(nullif(con.conrelid, 0), tg.tgrelid)
CROSS JOIN LATERAL (SELECT
    coalesce(c.relname, t.typname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', con.conname, tg.tgname, o.identity) AS name) target
CROSS JOIN LATERAL (SELECT  -- the object whose statement creates the one commented on
    coalesce(parent.relname, (SELECT typname FROM pg_type WHERE oid = con.contypid), target.name) AS name) owner
WHERE d.objoid >= 16384 AND (o.schema = current_schema() OR parent.relnamespace = (SELECT oid FROM ns))
  AND d.classoid <> 'pg_extension'::regclass
  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = d.classoid AND m.objid = d.objoid)
) objects (kind, name, table_name, ddl, before_tables, needs)
ORDER BY kind, table_name, name
)sql";

}  // namespace tempest::detail
