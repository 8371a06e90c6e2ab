#include "core/store/request_sax.h"

#include <nlohmann/json.hpp>

namespace sonde {

namespace {
using json = nlohmann::json;

class RequestSax : public nlohmann::json_sax<json> {
public:
    explicit RequestSax(RequestSpec& s) : s_(s) {}

    bool null() override { return false; }
    bool boolean(bool v) override {
        switch (where_) {
            case Where::Item:
                if (key_ == "enabled") return setEnabled(v);
                return false;
            case Where::Body:
                if (key_ == "graphqlUseGet") return (s_.body.graphqlUseGet = v, true);
                return false;
            default: return false;
        }
    }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return integer(static_cast<long long>(v)); }
    bool number_float(number_float_t, const string_t&) override { return false; }
    bool binary(binary_t&) override { return false; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

    bool string(string_t& v) override {
        switch (where_) {
            case Where::Top:
                if (key_ == "description") return (s_.description = std::move(v), true);
                return key_ == "id" || key_ == "name" || key_ == "method" || key_ == "url";  // columns win
            case Where::List:
                if (list_ == List::Tags) return (s_.tags.push_back(std::move(v)), true);
                return false;
            case Where::Item: return itemString(v);
            case Where::Body:
                if (key_ == "kind") return bodyKindFromString(v, s_.body.kind);
                if (key_ == "text") return (s_.body.text = std::move(v), true);
                if (key_ == "contentType") return (s_.body.contentType = std::move(v), true);
                if (key_ == "graphqlVariables") return (s_.body.graphqlVariables = std::move(v), true);
                if (key_ == "graphqlOperation") return (s_.body.graphqlOperation = std::move(v), true);
                return false;
            default: return false;
        }
    }

    bool start_object(std::size_t) override {
        switch (where_) {
            case Where::Start: where_ = Where::Top; return true;
            case Where::Top:
                if (key_ == "body") return (where_ = Where::Body, true);
                return false;
            case Where::List:
                if (list_ == List::Tags) return false;
                where_ = Where::Item;
                newItem();
                return true;
            default: return false;
        }
    }
    bool end_object() override {
        switch (where_) {
            case Where::Top: where_ = Where::Done; return true;
            case Where::Body: where_ = Where::Top; return true;
            case Where::Item: where_ = Where::List; return true;
            default: return false;
        }
    }
    bool start_array(std::size_t) override {
        if (where_ == Where::Top) {
            if (key_ == "params") list_ = List::Params;
            else if (key_ == "headers") list_ = List::Headers;
            else if (key_ == "tags") list_ = List::Tags;
            else if (key_ == "assertions") list_ = List::Assertions;
            else if (key_ == "captures") list_ = List::Captures;
            else return false;
            inBody_ = false;
        } else if (where_ == Where::Body && key_ == "form") {
            list_ = List::Form;
            inBody_ = true;
        } else {
            return false;
        }
        where_ = Where::List;
        return true;
    }
    bool end_array() override {
        if (where_ != Where::List) return false;
        where_ = inBody_ ? Where::Body : Where::Top;
        return true;
    }
    bool key(string_t& k) override {
        key_ = std::move(k);
        return true;
    }

    bool done() const { return where_ == Where::Done; }

private:
    enum class Where { Start, Top, Body, List, Item, Done };
    enum class List { Params, Headers, Tags, Assertions, Captures, Form };

    std::vector<KeyValue>& kvList() {
        return list_ == List::Params ? s_.params : list_ == List::Headers ? s_.headers : s_.body.form;
    }
    void newItem() {
        if (list_ == List::Assertions) s_.assertions.emplace_back();
        else if (list_ == List::Captures) s_.captures.emplace_back();
        else kvList().emplace_back();
    }
    bool setEnabled(bool v) {
        if (list_ == List::Assertions) s_.assertions.back().enabled = v;
        else if (list_ == List::Captures) s_.captures.back().enabled = v;
        else kvList().back().enabled = v;
        return true;
    }
    bool integer(long long v) {
        if (where_ == Where::Item && list_ == List::Captures && key_ == "group") {
            s_.captures.back().group = static_cast<int>(v);
            return true;
        }
        return false;
    }
    bool itemString(std::string& v) {
        if (list_ == List::Assertions) {
            Assertion& a = s_.assertions.back();
            if (key_ == "source") return checkSourceFromString(v, a.source);
            if (key_ == "op") return checkOpFromString(v, a.op);
            if (key_ == "selector") return (a.selector = std::move(v), true);
            if (key_ == "value") return (a.value = std::move(v), true);
            return false;
        }
        if (list_ == List::Captures) {
            Capture& c = s_.captures.back();
            if (key_ == "variable") return (c.variable = std::move(v), true);
            if (key_ == "source") return checkSourceFromString(v, c.source);
            if (key_ == "selector") return (c.selector = std::move(v), true);
            return false;
        }
        KeyValue& kv = kvList().back();
        if (key_ == "key") return (kv.key = std::move(v), true);
        if (key_ == "value") return (kv.value = std::move(v), true);
        if (key_ == "description") return (kv.description = std::move(v), true);
        return false;
    }

    RequestSpec& s_;
    Where where_ = Where::Start;
    List list_ = List::Params;
    bool inBody_ = false;
    std::string key_;
};
}  // namespace

bool readRequestSax(std::string_view text, RequestSpec& spec) {
    RequestSax sax(spec);
    bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
    return ok && sax.done();
}

}  // namespace sonde
