// parse_campaign: the campaign JSON read in one streaming pass (json_io.hpp).
#include "alloc/json_io.hpp"
#include "alloc/json_reader.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

#include <nlohmann/json.hpp>

namespace latitudes::alloc {

using nlohmann::json;

namespace {

// Streaming (SAX) reader of the campaign format: builds the Campaign directly, without a DOM, and
// knows where it is ("projects[2].ranking[4]") for precise errors.
class CampaignReader : public nlohmann::json_sax<json> {
public:
    enum class Role {
        root,
        students,
        student,
        choices,
        skills,
        projects,
        project,
        ranking,
        required,
        supervisors,
        supervisor,
        sup_ranking,
        options,
        ignore
    };
    Campaign campaign;

    bool null() override { return scalar(Value{Value::Kind::null}); }
    bool boolean(bool v) override {
        Value x{Value::Kind::boolean};
        x.b = v;
        return scalar(x);
    }
    bool number_integer(number_integer_t v) override {
        Value x{Value::Kind::integer};
        x.i = v;
        return scalar(x);
    }
    bool number_unsigned(number_unsigned_t v) override {
        Value x{Value::Kind::unsigned_integer};
        x.u = v;
        x.i = v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? std::numeric_limits<std::int64_t>::max()
                                                                                       : static_cast<std::int64_t>(v);
        return scalar(x);
    }
    bool number_float(number_float_t, const string_t&) override { return scalar(Value{Value::Kind::floating}); }
    bool string(string_t& v) override {
        Value x{Value::Kind::string};
        x.s = &v;
        return scalar(x);
    }
    bool binary(binary_t&) override { return scalar(Value{Value::Kind::floating}); }

    bool start_object(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override {
        frames_.back().key = k;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        std::string msg = e.what();
        const auto pos = msg.find("] ");
        if (pos != std::string::npos) msg = msg.substr(pos + 2);
        throw InputError("", "invalid JSON: " + msg);
    }

private:
    struct Value {
        enum class Kind { null, boolean, integer, unsigned_integer, floating, string } kind;
        bool b = false;
        std::int64_t i = 0;
        std::uint64_t u = 0;
        std::string* s = nullptr;
    };
    struct Frame {
        Role role;
        bool array;
        std::size_t index = 0;  // arrays: index of the next element
        std::string key;        // objects: current key
        bool seen_id = false, seen_capacity = false;
    };
    std::vector<Frame> frames_;

    static const char* kind_name(const Value& v) {
        switch (v.kind) {
            case Value::Kind::null: return "null";
            case Value::Kind::boolean: return "a boolean";
            case Value::Kind::integer:
            case Value::Kind::unsigned_integer: return "an integer";
            case Value::Kind::floating: return "a number with a fraction";
            case Value::Kind::string: return "a string";
        }
        return "a value";
    }
    static const char* role_label(Role r) {
        switch (r) {
            case Role::students: return "students";
            case Role::projects: return "projects";
            case Role::supervisors: return "supervisors";
            case Role::options: return "options";
            default: return "";
        }
    }
    // Location of the element about to be read ("students[3].choices[1]").
    std::string where() const {
        std::string w;
        for (std::size_t d = 0; d < frames_.size(); ++d) {
            const Frame& f = frames_[d];
            if (f.array) {
                w += "[" + std::to_string(f.index) + "]";
            } else if (d + 1 < frames_.size() || !f.key.empty()) {
                if (!w.empty()) w += ".";
                w += f.key;
            }
        }
        return w.empty() ? "(top level)" : w;
    }
    std::string item_label() const {
        // The id of the enclosing student/project/supervisor, when already read.
        for (std::size_t d = frames_.size(); d-- > 0;) {
            const Role r = frames_[d].role;
            if (r == Role::student && !campaign.students.empty() && frames_[d].seen_id)
                return " (student \"" + campaign.students.back().id + "\")";
            if (r == Role::project && !campaign.projects.empty() && frames_[d].seen_id)
                return " (project \"" + campaign.projects.back().id + "\")";
            if (r == Role::supervisor && !campaign.supervisors.empty() && frames_[d].seen_id)
                return " (supervisor \"" + campaign.supervisors.back().id + "\")";
        }
        return "";
    }
    [[noreturn]] void fail(const std::string& what) const { throw InputError(where(), what + item_label()); }

    // Role of a container or value at the current position.
    Role child_role(bool is_array) const {
        if (frames_.empty()) return is_array ? Role::ignore : Role::root;
        const Frame& f = frames_.back();
        const std::string& k = f.key;
        switch (f.role) {
            case Role::root:
                if (k == "students") return Role::students;
                if (k == "projects") return Role::projects;
                if (k == "supervisors") return Role::supervisors;
                if (k == "options") return Role::options;
                return Role::ignore;
            case Role::students: return Role::student;
            case Role::projects: return Role::project;
            case Role::supervisors: return Role::supervisor;
            case Role::student:
                if (k == "choices") return Role::choices;
                if (k == "skills") return Role::skills;
                return Role::ignore;
            case Role::project:
                if (k == "ranking") return Role::ranking;
                if (k == "required_skills") return Role::required;
                return Role::ignore;
            case Role::supervisor:
                if (k == "ranking") return Role::sup_ranking;
                return Role::ignore;
            default: return Role::ignore;
        }
    }
    static bool wants_array(Role r) {
        return r == Role::students || r == Role::projects || r == Role::supervisors || r == Role::choices || r == Role::ranking ||
               r == Role::sup_ranking;
    }

    bool open(bool is_array) {
        const Role r = child_role(is_array);
        if (r != Role::ignore && r != Role::root) {
            if (wants_array(r) != is_array)
                fail(std::string("expected ") + (wants_array(r) ? "an array" : "an object") + ", got " +
                     (is_array ? "an array" : "an object"));
        } else if (r == Role::root && is_array) {
            fail("expected an object, got an array");
        }
        if (r == Role::student) campaign.students.emplace_back();
        if (r == Role::project) campaign.projects.emplace_back();
        if (r == Role::supervisor) campaign.supervisors.emplace_back();
        if (r == Role::ranking) campaign.projects.back().ranking.emplace();
        frames_.push_back(Frame{r, is_array});
        return true;
    }

    bool close() {
        Frame f = std::move(frames_.back());
        if (f.role == Role::root) {
            if (!root_seen_students_) fail("missing required field \"students\"");
            if (!root_seen_projects_) fail("missing required field \"projects\"");
        }
        if ((f.role == Role::student || f.role == Role::project || f.role == Role::supervisor) && !f.seen_id) {
            frames_.back().key.clear();
            fail("missing required field \"id\"");
        }
        if (f.role == Role::project && !f.seen_capacity) {
            frames_.back().key.clear();
            fail("missing required field \"capacity\"");
        }
        frames_.pop_back();
        if (f.role == Role::students) root_seen_students_ = true;
        if (f.role == Role::projects) root_seen_projects_ = true;
        after_value();
        return true;
    }

    void after_value() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    }

    int as_int(const Value& v) const {
        if (v.kind != Value::Kind::integer && v.kind != Value::Kind::unsigned_integer)
            fail(std::string("expected an integer, got ") + kind_name(v));
        if (v.i < -1000000000LL || v.i > 1000000000LL) fail("integer out of range: " + std::to_string(v.i));
        return static_cast<int>(v.i);
    }
    std::string& as_string(const Value& v) const {
        if (v.kind != Value::Kind::string) fail(std::string("expected a string, got ") + kind_name(v));
        return *v.s;
    }

    bool scalar(const Value& v) {
        if (frames_.empty()) fail(std::string("expected an object, got ") + kind_name(v));
        Frame& f = frames_.back();
        const std::string& k = f.key;
        switch (f.role) {
            case Role::root:
                if (k == "students" || k == "projects") {
                    if (v.kind == Value::Kind::null) break;
                    fail(std::string("expected an array, got ") + kind_name(v));
                }
                if ((k == "supervisors" || k == "options") && v.kind != Value::Kind::null)
                    fail(std::string("expected ") + (k == "options" ? "an object" : "an array") + ", got " + kind_name(v));
                break;
            case Role::students:
            case Role::projects:
            case Role::supervisors: fail(std::string("expected an object, got ") + kind_name(v));
            case Role::student: {
                auto& st = campaign.students.back();
                if (k == "id") {
                    st.id = std::move(as_string(v));
                    f.seen_id = true;
                } else if ((k == "choices" || k == "skills") && v.kind != Value::Kind::null) {
                    fail(std::string("expected ") + (k == "choices" ? "an array" : "an object") + ", got " + kind_name(v));
                }
                break;
            }
            case Role::choices: campaign.students.back().choices.push_back(std::move(as_string(v))); break;
            case Role::skills: campaign.students.back().skills.push_back({k, as_int(v)}); break;
            case Role::project: {
                auto& pr = campaign.projects.back();
                if (k == "id") {
                    pr.id = std::move(as_string(v));
                    f.seen_id = true;
                } else if (k == "capacity") {
                    pr.capacity = as_int(v);
                    f.seen_capacity = true;
                } else if (k == "min_size") {
                    if (v.kind != Value::Kind::null) pr.min_size = as_int(v);
                } else if (k == "supervisor") {
                    if (v.kind != Value::Kind::null) pr.supervisor = std::move(as_string(v));
                } else if ((k == "ranking" || k == "required_skills") && v.kind != Value::Kind::null) {
                    fail(std::string("expected ") + (k == "ranking" ? "an array" : "an object") + ", got " + kind_name(v));
                }
                break;
            }
            case Role::ranking: campaign.projects.back().ranking->push_back(std::move(as_string(v))); break;
            case Role::required: campaign.projects.back().required_skills.push_back({k, as_int(v)}); break;
            case Role::supervisor: {
                auto& sv = campaign.supervisors.back();
                if (k == "id") {
                    sv.id = std::move(as_string(v));
                    f.seen_id = true;
                } else if (k == "capacity") {
                    if (v.kind != Value::Kind::null) sv.capacity = as_int(v);
                } else if (k == "ranking" && v.kind != Value::Kind::null) {
                    fail(std::string("expected an array, got ") + kind_name(v));
                }
                break;
            }
            case Role::sup_ranking: campaign.supervisors.back().ranking.push_back(std::move(as_string(v))); break;
            case Role::options:
                if (k == "seed") {
                    if (v.kind == Value::Kind::null) break;
                    if (v.kind != Value::Kind::unsigned_integer && !(v.kind == Value::Kind::integer && v.i >= 0))
                        fail(std::string("expected a non-negative integer, got ") + kind_name(v));
                    campaign.options.seed = v.kind == Value::Kind::unsigned_integer ? v.u : static_cast<std::uint64_t>(v.i);
                } else if (k == "respect_min_size") {
                    if (v.kind == Value::Kind::null) break;
                    if (v.kind != Value::Kind::boolean) fail(std::string("expected true or false, got ") + kind_name(v));
                    campaign.options.respect_min_size = v.b;
                }
                break;
            case Role::ignore: break;
        }
        after_value();
        return true;
    }

    bool root_seen_students_ = false, root_seen_projects_ = false;
};

}  // namespace

Campaign parse_campaign(std::string_view text) {
    CampaignReader reader;
    try {
        read_json(text, reader);
    } catch (const JsonSyntaxError& e) {
        throw InputError("", "invalid JSON: parse error at " + json_position(text, e.offset) + ": " + e.what());
    }
    return std::move(reader.campaign);
}

Campaign campaign_from_json(const json& j) { return parse_campaign(j.dump()); }

}  // namespace latitudes::alloc
