// The audit log speaks the reader's language (/admin/audit): every action identifier and target
// kind that the code writes (each store::write_audit call anywhere in src/) has a label in both
// catalogues, "audit.action.<id>" and "audit.target.<kind>". The source is scanned, so that a new
// audited action without its labels fails here rather than showing `its_identifier` to staff.
#include "domain/i18n.hpp"
#include "render/views.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

// The arguments of the call whose '(' is at `open`, split at the commas outside brackets and quotes.
std::vector<std::string> call_arguments(const std::string& text, std::size_t open) {
    std::vector<std::string> args(1);
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '\\') args.back() += text[i++];
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '(' || c == '{' || c == '[') {
            ++depth;
        } else if (c == ')' || c == '}' || c == ']') {
            if (depth-- == 0) return args;
        } else if (c == ',' && depth == 0) {
            args.emplace_back();
            continue;
        }
        args.back() += c;
    }
    return {};
}

struct Audited {
    std::set<std::string> actions, targets;
    std::vector<std::string> not_literal;  // calls whose action or target is not written out
    int calls = 0;
};

Audited scan_sources() {
    namespace fs = std::filesystem;
    const std::regex literal(R"re("([a-z][a-z0-9_]*)")re");
    Audited found;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(LATITUDES_SOURCE_DIR) / "src")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (auto at = text.find("write_audit("); at != std::string::npos; at = text.find("write_audit(", at + 1)) {
            if (at >= 5 && text.compare(at - 5, 5, "void ") == 0) continue;  // the definition
            const auto args = call_arguments(text, at + std::string("write_audit").size());
            if (args.size() != 7) continue;  // a declaration or a comment
            ++found.calls;
            for (auto [index, into] : {std::pair{2, &found.actions}, std::pair{3, &found.targets}}) {
                const std::string& arg = args[static_cast<std::size_t>(index)];
                int literals = 0;
                for (std::sregex_iterator it(arg.begin(), arg.end(), literal), end; it != end; ++it, ++literals)
                    into->insert((*it)[1]);
                if (literals == 0) found.not_literal.push_back(entry.path().filename().string() + ": " + arg);
            }
        }
    }
    return found;
}

}  // namespace

TEST(AuditLabels, EveryAuditedActionAndTargetHasALabelInBothLanguages) {
    const auto found = scan_sources();
    EXPECT_GE(found.calls, 15) << "the scan found the calls";
    EXPECT_TRUE(found.not_literal.empty()) << "write each action and target kind as a literal at the call: "
                                           << (found.not_literal.empty() ? "" : found.not_literal.front());
    for (const char* expected : {"staff_verify_organisation", "move_need", "save_framing_revision", "staff_change_role",
                                 "change_member_role", "create_need"})
        EXPECT_TRUE(found.actions.count(expected)) << expected << " is written by the code";
    const auto catalogue = latitudes::render::load_catalogue();
    for (auto lang : latitudes::domain::all_langs) {
        for (const auto& action : found.actions)
            EXPECT_TRUE(catalogue.has(lang, "audit.action." + action))
                << "audit.action." << action << " in " << latitudes::domain::to_string(lang);
        for (const auto& target : found.targets)
            EXPECT_TRUE(catalogue.has(lang, "audit.target." + target))
                << "audit.target." << target << " in " << latitudes::domain::to_string(lang);
    }
}
