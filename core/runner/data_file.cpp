#include "core/runner/data_file.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace sonde {

namespace {

std::string at(const std::string& file, int line) { return file + ":" + std::to_string(line); }

// Splits CSV text into records of fields; each record remembers the line it started on.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

Result<std::vector<CsvRecord>> splitCsv(const std::string& text, const std::string& file) {
    std::vector<CsvRecord> records;
    CsvRecord cur;
    std::string field;
    bool inQuotes = false, fieldStarted = false, afterQuote = false;
    int line = 1, quoteLine = 0;
    cur.line = 1;
    std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // UTF-8 byte order mark
    auto endField = [&] {
        cur.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = afterQuote = false;
    };
    auto endRecord = [&] {
        endField();
        const bool blank = cur.fields.size() == 1 && cur.fields[0].empty();
        if (!blank) records.push_back(std::move(cur));
        cur = CsvRecord{};
        cur.line = line;
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // the \n ends the record
        } else if (c == '\n') {
            ++line;
            endRecord();
        } else if (c == '"' && !fieldStarted) {
            inQuotes = fieldStarted = true;
            quoteLine = line;
        } else if (afterQuote) {
            return makeError("Unexpected character after a closing quote in the CSV data file", at(file, line),
                             "quote the whole field and double any quote inside it (\"\")", "parse");
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes)
        return makeError("A quoted field is never closed in the CSV data file", at(file, quoteLine),
                         "add the closing quote", "parse");
    if (!field.empty() || fieldStarted || !cur.fields.empty()) endRecord();
    return records;
}

std::string jsonValueText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

int lineOfOffset(const std::string& text, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

}  // namespace

Result<std::vector<DataRow>> parseCsvData(const std::string& text, const std::string& fileName) {
    auto records = splitCsv(text, fileName);
    if (!records) return records.error();
    if (records->empty())
        return makeError("The CSV data file is empty", at(fileName, 1), "put the variable names on the first line",
                         "parse");
    const auto& header = records->front().fields;
    for (std::size_t c = 0; c < header.size(); ++c)
        if (header[c].empty())
            return makeError("Column " + std::to_string(c + 1) + " of the CSV header has no name",
                             at(fileName, records->front().line), "name every column", "parse");
    std::vector<DataRow> rows;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const auto& rec = (*records)[r];
        if (rec.fields.size() != header.size())
            return makeError("Row has " + std::to_string(rec.fields.size()) + " fields but the header has " +
                                 std::to_string(header.size()),
                             at(fileName, rec.line), "give every row as many fields as the header", "parse");
        DataRow row;
        for (std::size_t c = 0; c < header.size(); ++c) row.push_back(Variable{header[c], rec.fields[c]});
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<DataRow>> parseJsonData(const std::string& text, const std::string& fileName) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return makeError("The JSON data file is not valid JSON", at(fileName, lineOfOffset(text, e.byte)),
                         e.what(), "parse");
    }
    if (!doc.is_array())
        return makeError("The JSON data file must hold an array of objects (one per iteration)", at(fileName, 1),
                         "wrap the rows in [ ... ]", "parse");
    // The line where each top-level element starts: the first non-blank byte after '[' or a ','
    // at depth 1 (outside strings).
    std::vector<int> lines;
    int depth = 0, line = 1;
    bool inString = false, expectElement = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (expectElement && depth == 1 && c != ']') lines.push_back(line);
        expectElement = false;
        if (c == '"') inString = true;
        else if (c == '[' || c == '{') expectElement = (++depth == 1);
        else if (c == ']' || c == '}') --depth;
        else if (c == ',' && depth == 1) expectElement = true;
    }
    std::vector<DataRow> rows;
    for (std::size_t r = 0; r < doc.size(); ++r) {
        const int l = r < lines.size() ? lines[r] : 1;
        if (!doc[r].is_object())
            return makeError("Element " + std::to_string(r) + " of the JSON data file is not an object",
                             at(fileName, l), "make every element an object of variable names to values", "parse");
        DataRow row;
        for (const auto& [k, v] : doc[r].items()) row.push_back(Variable{k, jsonValueText(v)});
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<DataRow>> loadDataFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot read the data file", path, "check the path given to -d/--data", "io");
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    auto endsWith = [&](const char* ext) {
        const std::string e = ext;
        if (path.size() < e.size()) return false;
        std::string tail = path.substr(path.size() - e.size());
        for (auto& ch : tail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return tail == e;
    };
    if (endsWith(".json")) return parseJsonData(text, path);
    if (endsWith(".csv")) return parseCsvData(text, path);
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '[') return parseJsonData(text, path);
    return parseCsvData(text, path);
}

}  // namespace sonde
