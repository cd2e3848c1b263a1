#pragma once
// What MySQL / MariaDB introspection finds but tempest does not model, each kept with the statement
// that recreates it, built from information_schema in one query per kind (not SHOW CREATE, which
// costs a round trip per object): views, triggers, procedures and functions, events, partitioning,
// table options. The statements leave out DEFINER (the user who runs them becomes it) and the
// sql_mode an object was created under (it runs under the session's).

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/mysql.hpp"
#include "tempest/introspect/options.hpp"

namespace tempest::detail {

// A comment or a time as DDL takes it, '…': COMMENT accepts no hex literal. A quote is doubled, a
// backslash escaped, which reads back as written unless the session has NO_BACKSLASH_ESCAPES.
inline std::string mysql_quoted_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\\') out += "\\\\";
    else if (c == '\0') out += "\\0";
    else out += c;
  }
  return out + "'";
}

// information_schema prints the objects of a view qualified with their database, `db`.`t`: the
// qualifier goes, so that the view is made in whichever database the statement runs in. Text in
// quotes is left alone.
inline std::string without_database_qualifier(std::string_view sql, std::string_view database) {
  const std::string qualifier = mysql_dialect{}.quote(database) + ".";
  std::string out;
  for (std::size_t i = 0; i < sql.size();) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // a string: to its closing quote, past '' and \x
      std::size_t end = i + 1;
      while (end < sql.size() && sql[end] != c) end += sql[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '`') {
      if (sql.substr(i).starts_with(qualifier)) {
        i += qualifier.size();
        continue;
      }
      std::size_t end = i + 1;  // to the closing backtick, past ``
      for (; end < sql.size(); ++end) {
        if (sql[end] != '`') continue;
        if (end + 1 < sql.size() && sql[end + 1] == '`') ++end;
        else break;
      }
      end = std::min(end + 1, sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

inline unmanaged_object read_view(const mysql_dialect& d, std::string_view database, const result_row& row) {
  // TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM (MariaDB; NULL on MySQL 8)
  const std::string& name = text_of(row[0]);
  std::string algorithm = text_of(row[4]);
  std::string ddl = fmt::format("CREATE {}SQL SECURITY {} VIEW {} AS {}",
                                algorithm.empty() || algorithm == "UNDEFINED" ? "" : "ALGORITHM=" + algorithm + " ",
                                text_of(row[3]), d.quote(name), without_database_qualifier(text_of(row[1]), database));
  if (text_of(row[2]) == "CASCADED" || text_of(row[2]) == "LOCAL") ddl += fmt::format(" WITH {} CHECK OPTION", text_of(row[2]));
  return {"view", name, "", std::move(ddl)};
}

// Triggers with their order among those of the same table, time and event (ACTION_ORDER): the
// statements run in the order of the objects' names, so each one says where it goes among those
// made before it (FOLLOWS or PRECEDES).
struct trigger_row {
  std::string name, table, timing, event, body;
  long order = 0;
};

inline std::vector<unmanaged_object> triggers_in_order(const mysql_dialect& d, std::vector<trigger_row> rows) {
  std::sort(rows.begin(), rows.end(), [](const trigger_row& a, const trigger_row& b) {
    return std::tie(a.table, a.name) < std::tie(b.table, b.name);
  });
  std::vector<unmanaged_object> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const trigger_row& t = rows[i];
    const trigger_row* before = nullptr;  // made earlier, the last one ahead of t
    const trigger_row* after = nullptr;   // made earlier, the first one behind t
    for (std::size_t j = 0; j < i; ++j) {
      const trigger_row& o = rows[j];
      if (o.table != t.table || o.timing != t.timing || o.event != t.event) continue;
      if (o.order < t.order && (!before || o.order > before->order)) before = &o;
      if (o.order > t.order && (!after || o.order < after->order)) after = &o;
    }
    std::string place = before ? fmt::format("FOLLOWS {} ", d.quote(before->name))
                        : after ? fmt::format("PRECEDES {} ", d.quote(after->name))
                                : std::string();
    out.push_back({"trigger", t.name, t.table,
                   fmt::format("CREATE TRIGGER {} {} {} ON {} FOR EACH ROW {}{}", d.quote(t.name), t.timing, t.event,
                               d.quote(t.table), place, t.body)});
  }
  return out;
}

// A type of a routine's parameter or result, with its character set and collation where it has them.
inline std::string routine_type(const result_row& parameter) {
  // ..., DTD_IDENTIFIER, CHARACTER_SET_NAME, COLLATION_NAME at 5, 6, 7
  std::string type = text_of(parameter[5]);
  if (parameter[6]) type += " CHARSET " + *parameter[6];
  if (parameter[7]) type += " COLLATE " + *parameter[7];
  return type;
}

// Procedures and functions. `routines`: ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION,
// IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT. `parameters`: SPECIFIC_NAME,
// ROUTINE_TYPE, ORDINAL_POSITION (0: the result), PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER,
// CHARACTER_SET_NAME, COLLATION_NAME, in order.
inline std::vector<unmanaged_object> read_routines_of(const mysql_dialect& d, const std::vector<result_row>& routines,
                                                   const std::vector<result_row>& parameters) {
  std::map<std::pair<std::string, std::string>, std::vector<const result_row*>> by_routine;
  for (const auto& p : parameters) by_routine[{text_of(p[1]), text_of(p[0])}].push_back(&p);
  std::vector<unmanaged_object> out;
  for (const auto& r : routines) {
    const std::string& name = text_of(r[0]);
    const std::string& type = text_of(r[1]);
    const bool function = type == "FUNCTION";
    std::string list, returns;
    for (const result_row* p : by_routine[{type, name}]) {
      if (text_of((*p)[2]) == "0") {
        returns = " RETURNS " + routine_type(*p);
        continue;
      }
      list += fmt::format("{}{}{} {}", list.empty() ? "" : ", ", function ? "" : text_of((*p)[3]) + " ",
                          d.quote(text_of((*p)[4])), routine_type(*p));
    }
    std::string ddl = fmt::format("CREATE {} {}({}){} {}DETERMINISTIC {} SQL SECURITY {}", type, d.quote(name), list,
                                  returns, text_of(r[3]) == "YES" ? "" : "NOT ", text_of(r[4]), text_of(r[5]));
    if (!text_of(r[6]).empty()) ddl += " COMMENT " + mysql_quoted_text(text_of(r[6]));
    ddl += "\n" + text_of(r[2]);
    out.push_back({function ? "function" : "procedure", name, "", std::move(ddl)});
  }
  return out;
}

// EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, STARTS,
// ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT
inline unmanaged_object read_event(const mysql_dialect& d, const result_row& row) {
  const std::string& name = text_of(row[0]);
  std::string schedule;
  if (text_of(row[2]) == "ONE TIME") {
    schedule = "AT " + mysql_quoted_text(text_of(row[3]));
  } else {
    const std::string& value = text_of(row[4]);
    bool number = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
    schedule = fmt::format("EVERY {} {}", number ? value : mysql_quoted_text(value), text_of(row[5]));
    if (row[6]) schedule += " STARTS " + mysql_quoted_text(*row[6]);
    if (row[7]) schedule += " ENDS " + mysql_quoted_text(*row[7]);
  }
  const std::string& status = text_of(row[8]);
  std::string ddl = fmt::format("CREATE EVENT {} ON SCHEDULE {} ON COMPLETION {} {}", d.quote(name), schedule,
                                text_of(row[9]), status == "ENABLED" ? "ENABLE" : status == "DISABLED" ? "DISABLE" : "DISABLE ON SLAVE");
  if (!text_of(row[10]).empty()) ddl += " COMMENT " + mysql_quoted_text(text_of(row[10]));
  ddl += " DO " + text_of(row[1]);
  return {"event", name, "", std::move(ddl)};
}

// An index of another type than BTREE (FULLTEXT, SPATIAL, HASH) or with MySQL 8's expression key
// parts, whose parts are SQL already: CREATE FULLTEXT|SPATIAL INDEX …, CREATE [UNIQUE] INDEX … USING
// HASH, CREATE INDEX … ((expression)).
struct special_index {
  std::string table, name;
  std::string type;   // as STATISTICS.INDEX_TYPE says; empty for a functional index
  std::string parts;  // `a`, `b`(10) DESC, (expression)…
  bool unique = false;

  unmanaged_object unmanaged(const mysql_dialect& d) const {
    const bool keyword = type == "FULLTEXT" || type == "SPATIAL";
    std::string kind = type.empty() ? "expression" : type;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return {kind + " index", name, table,
            fmt::format("CREATE {}INDEX {} ON {} ({}){}", keyword ? type + " " : unique ? "UNIQUE " : "", d.quote(name),
                        d.quote(table), parts, keyword || type.empty() ? "" : " USING " + type)};
  }
};

// Partitioning from information_schema.PARTITIONS rows of one table, in order: TABLE_NAME,
// PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION,
// SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION, SUBPARTITION_NAME. Subpartitions are recreated by
// count, with the server's names; options of single partitions (ENGINE, COMMENT, directories) are
// not read.
inline unmanaged_object read_partitioning_of(const mysql_dialect& d, const std::vector<const result_row*>& rows) {
  const result_row& first = *rows.front();
  const std::string& table_name = text_of(first[0]);
  const std::string& method = text_of(first[2]);
  const bool columns = method.ends_with("COLUMNS");
  std::string ddl = fmt::format("ALTER TABLE {} PARTITION BY {}{}({})", d.quote(table_name), method, columns ? "" : " ",
                                text_of(first[3]));
  std::vector<const result_row*> partitions;
  std::size_t subpartitions = 0;
  for (const result_row* r : rows) {
    if (partitions.empty() || text_of((*partitions.back())[1]) != text_of((*r)[1])) partitions.push_back(r);
    if (text_of((*r)[1]) == text_of(first[1]) && (*r)[7]) ++subpartitions;
  }
  if (first[5])
    ddl += fmt::format(" SUBPARTITION BY {} ({}) SUBPARTITIONS {}", *first[5], text_of(first[6]), subpartitions);
  std::string list;
  for (const result_row* r : partitions) {
    std::string bound;
    const std::string& description = text_of((*r)[4]);
    if (method.starts_with("RANGE"))
      bound = description == "MAXVALUE" && !columns ? " VALUES LESS THAN MAXVALUE" : " VALUES LESS THAN (" + description + ")";
    else if (method.starts_with("LIST"))
      bound = " VALUES IN (" + description + ")";
    list += fmt::format("{}PARTITION {}{}", list.empty() ? "" : ", ", d.quote(text_of((*r)[1])), bound);
  }
  ddl += " (" + list + ")";
  return {"partitioning", table_name, table_name, std::move(ddl)};
}

}  // namespace tempest::detail
