// The fast JSON reader accepts and reports exactly what nlohmann's parser does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alloc/json_io.hpp"
#include "alloc/json_reader.hpp"
#include "helpers.hpp"

namespace alloc_test {
namespace {

using nlohmann::json;

// Records SAX events as text.
struct Recorder : nlohmann::json_sax<json> {
    std::string log;
    bool null() override {
        log += "n;";
        return true;
    }
    bool boolean(bool v) override {
        log += v ? "t;" : "f;";
        return true;
    }
    bool number_integer(number_integer_t v) override {
        log += "i" + std::to_string(v) + ";";
        return true;
    }
    bool number_unsigned(number_unsigned_t v) override {
        log += "u" + std::to_string(v) + ";";
        return true;
    }
    bool number_float(number_float_t v, const string_t&) override {
        char b[40];
        std::snprintf(b, sizeof b, "d%.17g;", v);
        log += b;
        return true;
    }
    bool string(string_t& v) override {
        log += "s" + v + ";";
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        log += "{";
        return true;
    }
    bool key(string_t& k) override {
        log += "k" + k + ":";
        return true;
    }
    bool end_object() override {
        log += "}";
        return true;
    }
    bool start_array(std::size_t) override {
        log += "[";
        return true;
    }
    bool end_array() override {
        log += "]";
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        throw std::runtime_error(e.what());
    }
};

// Returns the event log, or "ERROR" when the document is rejected.
std::string with_nlohmann(const std::string& text) {
    Recorder r;
    try {
        json::sax_parse(text, &r);
    } catch (const std::exception&) {
        return "ERROR";
    }
    return r.log;
}
std::string with_reader(const std::string& text) {
    Recorder r;
    try {
        latitudes::alloc::read_json(text, r);
    } catch (const latitudes::alloc::JsonSyntaxError&) {
        return "ERROR";
    }
    return r.log;
}

json random_value(Rng& r, int depth) {
    const int kind = r.uniform(0, depth > 3 ? 5 : 7);
    switch (kind) {
        case 0: return nullptr;
        case 1: return r.uniform(0, 1) == 1;
        case 2: return static_cast<std::int64_t>(r.next()) >> r.uniform(0, 63);
        case 3: return r.next() >> r.uniform(0, 63);
        case 4: return static_cast<double>(static_cast<std::int64_t>(r.next() >> 20)) / (1 << r.uniform(0, 30));
        case 5: {
            static const std::vector<std::string> pieces{"a", "é", "\"", "\\", "\n", "\t", "€", "😀", "/", "\x01", " ", "zz"};
            std::string s;
            for (int i = r.uniform(0, 6); i > 0; --i) s += pieces[r.uniform(0, static_cast<int>(pieces.size()) - 1)];
            return s;
        }
        case 6: {
            json a = json::array();
            for (int i = r.uniform(0, 4); i > 0; --i) a.push_back(random_value(r, depth + 1));
            return a;
        }
        default: {
            json o = json::object();
            for (int i = r.uniform(0, 4); i > 0; --i) o["k" + std::to_string(r.uniform(0, 9))] = random_value(r, depth + 1);
            return o;
        }
    }
}

TEST(JsonReader, SameEventsAsNlohmannOnRandomDocuments) {
    for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
        Rng r(seed);
        const json doc = random_value(r, 0);
        const std::string text = doc.dump(r.uniform(0, 1) ? -1 : 2, ' ', r.uniform(0, 1) == 1);
        const std::string expected = with_nlohmann(text);
        ASSERT_NE(expected, "ERROR") << text;
        ASSERT_EQ(with_reader(text), expected) << text;
    }
}

TEST(JsonReader, SameVerdictOnMutatedDocuments) {
    const std::string alphabet = "{}[]:,\"\\ 0-1.eE+tfnu\x80\xc3\xa9\xed\xa0\x80\xf4\x90";
    int rejected = 0;
    for (std::uint64_t seed = 1; seed <= 5000; ++seed) {
        Rng r(seed * 7);
        std::string text = random_value(r, 0).dump();
        for (int k = r.uniform(1, 3); k > 0; --k) {
            const std::size_t at = text.empty() ? 0 : static_cast<std::size_t>(r.uniform(0, static_cast<int>(text.size()) - 1));
            const char c = alphabet[r.uniform(0, static_cast<int>(alphabet.size()) - 1)];
            switch (r.uniform(0, 2)) {
                case 0:
                    if (!text.empty()) text.erase(at, 1);
                    break;
                case 1: text.insert(text.begin() + static_cast<long>(at), c); break;
                default:
                    if (!text.empty()) text[at] = c;
            }
        }
        const std::string expected = with_nlohmann(text);
        rejected += expected == "ERROR";
        ASSERT_EQ(with_reader(text), expected) << text;
    }
    EXPECT_GT(rejected, 1000);  // the mutations do produce invalid documents
}

TEST(JsonReader, EdgeCases) {
    for (const std::string text : {"0",
                                   "-0",
                                   "1e5",
                                   "-1.5E-3",
                                   "18446744073709551615",
                                   "18446744073709551616",
                                   "-9223372036854775808",
                                   "-9223372036854775809",
                                   "\"\\ud83d\\ude00\"",
                                   "\"\\u00e9\"",
                                   "[]",
                                   "{}",
                                   " [ 1 , 2 ] ",
                                   "01",
                                   "1.",
                                   ".5",
                                   "+1",
                                   "[1,]",
                                   "{\"a\":1,}",
                                   "\"\\ud83d\"",
                                   "\"\\udc00\"",
                                   "\"\t\"",
                                   "tru",
                                   "nul",
                                   "[1 2]",
                                   "",
                                   "  ",
                                   "\"\xed\xa0\x80\"",
                                   "\"\xc0\xaf\"",
                                   "\"\xf4\x90\x80\x80\"",
                                   "[[[[[]]]]]",
                                   "{\"a\" 1}",
                                   "1 2"}) {
        EXPECT_EQ(with_reader(text), with_nlohmann(text)) << text;
    }
}

TEST(JsonReader, ErrorsCarryLineAndColumn) {
    try {
        latitudes::alloc::parse_campaign("{\"students\": [\n  {\"id\": \"s1\",, }]}");
        FAIL();
    } catch (const latitudes::alloc::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2, column 15"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace alloc_test
