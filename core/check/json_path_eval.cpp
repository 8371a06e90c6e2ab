// RFC 9535 JSONPath evaluation: segments and selectors over nlohmann::json (pointers, no copies),
// filter expressions with the comparison rules of section 2.3.5.2 and the five standard functions.
#include <re2/re2.h>

#include "core/check/i_regexp.h"
#include "core/check/json_path.h"
#include "core/check/json_path_ast.h"

namespace sonde {
namespace {

using json = nlohmann::json;
using namespace jp;

// A node while selecting: only the value (select) or the value and its normalized path (selectLocated).
using Plain = const json*;
using Located = JsonPath::Located;

const json* valueOf(Plain n) { return n; }
const json* valueOf(const Located& n) { return n.value; }
Plain child(Plain, const std::string&, const json* v) { return v; }
Plain child(Plain, std::size_t, const json* v) { return v; }
Located child(const Located& p, const std::string& key, const json* v) { return {p.path + normalizedName(key), v}; }
Located child(const Located& p, std::size_t i, const json* v) { return {p.path + "[" + std::to_string(i) + "]", v}; }

// A filter value: a JSON value (borrowed or computed) or Nothing.
struct Val {
    const json* ref = nullptr;
    json own;
    bool owned = false;
    bool nothing() const { return !ref && !owned; }
    const json& get() const { return owned ? own : *ref; }
    static Val of(json v) {
        Val r;
        r.own = std::move(v);
        r.owned = true;
        return r;
    }
};

class Evaluator {
public:
    explicit Evaluator(const json& root) : root_(root) {}

    template <typename Node>
    void run(const Query& q, Node start, std::vector<Node>& out) const {
        std::vector<Node> cur;
        cur.push_back(std::move(start));
        std::vector<Node> next;
        for (const Segment& seg : q.segments) {
            next.clear();
            for (const Node& n : cur) {
                if (seg.descendant) descend(seg, n, next);
                else
                    for (const Selector& sel : seg.selectors) apply(sel, n, next);
            }
            cur.swap(next);
            if (cur.empty()) break;
        }
        out = std::move(cur);
    }

private:
    const json& root_;

    template <typename Node>
    void descend(const Segment& seg, const Node& start, std::vector<Node>& out) const {
        // Pre-order walk with an explicit stack (deep documents must not overflow the call stack).
        std::vector<Node> stack;
        stack.push_back(start);
        while (!stack.empty()) {
            Node n = std::move(stack.back());
            stack.pop_back();
            for (const Selector& sel : seg.selectors) apply(sel, n, out);
            const json& v = *valueOf(n);
            if (v.is_array()) {
                const auto& arr = v.get_ref<const json::array_t&>();
                for (std::size_t i = arr.size(); i-- > 0;) stack.push_back(child(n, i, &arr[i]));
            } else if (v.is_object()) {
                const auto& obj = v.get_ref<const json::object_t&>();
                for (auto it = obj.rbegin(); it != obj.rend(); ++it) stack.push_back(child(n, it->first, &it->second));
            }
        }
    }

    template <typename Node>
    void apply(const Selector& sel, const Node& n, std::vector<Node>& out) const {
        const json& v = *valueOf(n);
        switch (sel.kind) {
            case Selector::Kind::Name:
                if (v.is_object()) {
                    const auto& obj = v.get_ref<const json::object_t&>();
                    auto it = obj.find(sel.name);
                    if (it != obj.end()) out.push_back(child(n, it->first, &it->second));
                }
                return;
            case Selector::Kind::Wildcard:
                if (v.is_array()) {
                    const auto& arr = v.get_ref<const json::array_t&>();
                    for (std::size_t i = 0; i < arr.size(); ++i) out.push_back(child(n, i, &arr[i]));
                } else if (v.is_object()) {
                    for (const auto& [k, val] : v.get_ref<const json::object_t&>()) out.push_back(child(n, k, &val));
                }
                return;
            case Selector::Kind::Index:
                if (v.is_array()) {
                    const auto& arr = v.get_ref<const json::array_t&>();
                    auto len = static_cast<std::int64_t>(arr.size());
                    std::int64_t i = sel.index < 0 ? len + sel.index : sel.index;
                    if (i >= 0 && i < len) out.push_back(child(n, static_cast<std::size_t>(i), &arr[i]));
                }
                return;
            case Selector::Kind::Slice:
                if (v.is_array()) slice(sel, n, v.get_ref<const json::array_t&>(), out);
                return;
            case Selector::Kind::Filter:
                if (v.is_array()) {
                    const auto& arr = v.get_ref<const json::array_t&>();
                    for (std::size_t i = 0; i < arr.size(); ++i)
                        if (logical(*sel.filter, &arr[i])) out.push_back(child(n, i, &arr[i]));
                } else if (v.is_object()) {
                    for (const auto& [k, val] : v.get_ref<const json::object_t&>())
                        if (logical(*sel.filter, &val)) out.push_back(child(n, k, &val));
                }
                return;
        }
    }

    // RFC 9535 section 2.3.4.2.2.
    template <typename Node>
    void slice(const Selector& sel, const Node& n, const json::array_t& arr, std::vector<Node>& out) const {
        std::int64_t len = static_cast<std::int64_t>(arr.size());
        std::int64_t step = sel.step;
        if (step == 0) return;
        auto norm = [len](std::int64_t i) { return i >= 0 ? i : len + i; };
        std::int64_t start = sel.start ? norm(*sel.start) : (step > 0 ? 0 : len - 1);
        std::int64_t end = sel.end ? norm(*sel.end) : (step > 0 ? len : -1);
        if (step > 0) {
            std::int64_t lower = std::min(std::max(start, std::int64_t{0}), len);
            std::int64_t upper = std::min(std::max(end, std::int64_t{0}), len);
            for (std::int64_t i = lower; i < upper; i += step) out.push_back(child(n, static_cast<std::size_t>(i), &arr[i]));
        } else {
            std::int64_t upper = std::min(std::max(start, std::int64_t{-1}), len - 1);
            std::int64_t lower = std::min(std::max(end, std::int64_t{-1}), len - 1);
            for (std::int64_t i = upper; lower < i; i += step) out.push_back(child(n, static_cast<std::size_t>(i), &arr[i]));
        }
    }

    // A singular query walked directly: the one node or nullptr.
    const json* single(const Query& q, const json* current) const {
        const json* v = q.relative ? current : &root_;
        for (const Segment& seg : q.segments) {
            const Selector& sel = seg.selectors[0];
            if (sel.kind == Selector::Kind::Name) {
                if (!v->is_object()) return nullptr;
                const auto& obj = v->get_ref<const json::object_t&>();
                auto it = obj.find(sel.name);
                if (it == obj.end()) return nullptr;
                v = &it->second;
            } else {
                if (!v->is_array()) return nullptr;
                const auto& arr = v->get_ref<const json::array_t&>();
                auto len = static_cast<std::int64_t>(arr.size());
                std::int64_t i = sel.index < 0 ? len + sel.index : sel.index;
                if (i < 0 || i >= len) return nullptr;
                v = &arr[i];
            }
        }
        return v;
    }

    std::vector<const json*> nodes(const Expr& e, const json* current) const {
        std::vector<const json*> out;
        if (e.query.singular()) {
            if (const json* v = single(e.query, current)) out.push_back(v);
            return out;
        }
        run<Plain>(e.query, e.query.relative ? current : &root_, out);
        return out;
    }

    bool logical(const Expr& e, const json* current) const {
        switch (e.kind) {
            case Expr::Kind::Or:
                for (const auto& a : e.args)
                    if (logical(*a, current)) return true;
                return false;
            case Expr::Kind::And:
                for (const auto& a : e.args)
                    if (!logical(*a, current)) return false;
                return true;
            case Expr::Kind::Not: return !logical(*e.args[0], current);
            case Expr::Kind::Compare: return compare(e.op, value(*e.args[0], current), value(*e.args[1], current));
            case Expr::Kind::Query: return !nodes(e, current).empty();
            case Expr::Kind::Call: return callLogical(e, current);
            case Expr::Kind::Literal: return false;  // rejected by the parser
        }
        return false;
    }

    bool callLogical(const Expr& e, const json* current) const {
        if (e.fn != Function::Match && e.fn != Function::Search) return false;
        Val subject = value(*e.args[0], current);
        if (subject.nothing() || !subject.get().is_string()) return false;
        std::shared_ptr<const re2::RE2> re;
        if (e.regexChecked) {
            re = e.regex;
        } else {
            Val pattern = value(*e.args[1], current);
            if (pattern.nothing() || !pattern.get().is_string()) return false;
            re = IRegexp::compile(pattern.get().get_ref<const std::string&>());
        }
        if (!re) return false;
        const std::string& s = subject.get().get_ref<const std::string&>();
        return e.fn == Function::Match ? RE2::FullMatch(s, *re) : RE2::PartialMatch(s, *re);
    }

    Val value(const Expr& e, const json* current) const {
        Val r;
        switch (e.kind) {
            case Expr::Kind::Literal: r.ref = &e.literal; return r;
            case Expr::Kind::Query: r.ref = single(e.query, current); return r;
            case Expr::Kind::Call: break;
            default: return r;
        }
        switch (e.fn) {
            case Function::Length: {
                Val a = value(*e.args[0], current);
                if (a.nothing()) return r;
                const json& v = a.get();
                if (v.is_string()) {
                    std::size_t count = 0;
                    for (char c : v.get_ref<const std::string&>())
                        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
                    return Val::of(count);
                }
                if (v.is_array() || v.is_object()) return Val::of(v.size());
                return r;
            }
            case Function::Count: return Val::of(nodes(*e.args[0], current).size());
            case Function::Value: {
                auto ns = nodes(*e.args[0], current);
                if (ns.size() == 1) r.ref = ns[0];
                return r;
            }
            default: return r;
        }
    }

    static bool equal(const Val& a, const Val& b) {
        if (a.nothing() || b.nothing()) return a.nothing() && b.nothing();
        return a.get() == b.get();
    }
    static bool less(const Val& a, const Val& b) {
        if (a.nothing() || b.nothing()) return false;
        const json& x = a.get();
        const json& y = b.get();
        if ((x.is_number() && y.is_number()) || (x.is_string() && y.is_string())) return x < y;
        return false;
    }
    static bool compare(CmpOp op, const Val& a, const Val& b) {
        switch (op) {
            case CmpOp::Eq: return equal(a, b);
            case CmpOp::Ne: return !equal(a, b);
            case CmpOp::Lt: return less(a, b);
            case CmpOp::Le: return less(a, b) || equal(a, b);
            case CmpOp::Gt: return less(b, a);
            case CmpOp::Ge: return less(b, a) || equal(a, b);
        }
        return false;
    }
};

}  // namespace

std::vector<const nlohmann::json*> JsonPath::select(const nlohmann::json& root) const {
    std::vector<const json*> out;
    Evaluator(root).run<Plain>(*query_, &root, out);
    return out;
}

std::vector<JsonPath::Located> JsonPath::selectLocated(const nlohmann::json& root) const {
    std::vector<Located> out;
    Evaluator(root).run<Located>(*query_, Located{"$", &root}, out);
    return out;
}

std::string normalizedName(const std::string& name) {
    static const char* hex = "0123456789abcdef";
    std::string out = "['";
    for (char c : name) {
        switch (c) {
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\'': out += "\\'"; break;
            case '\\': out += "\\\\"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += hex[(c >> 4) & 0xF];
                    out += hex[c & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += "']";
    return out;
}

}  // namespace sonde
