// E-mail: rendering in both languages, the outbox (transactions, back-off, failure), and real SMTP
// delivery to scripts/smtp-sink.py (Debian's python3-aiosmtpd) whose received .eml files are
// parsed by Python's own e-mail package. Runs on the engine named by LATITUDES_TEST_ENGINE.
#include "mail/mail.hpp"
#include "mail/notifier.hpp"
#include "render/views.hpp"
#include "store/migrations.hpp"
#include "store/query.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef LATITUDES_SOURCE_DIR
#error "LATITUDES_SOURCE_DIR must name the source tree (for scripts/smtp-sink.py)"
#endif

using namespace latitudes;
using namespace std::chrono_literals;
using domain::Lang;
using mail::Clock;

namespace {

namespace fs = std::filesystem;

const render::Views& views() {
    static const domain::Catalogue catalogue = render::load_catalogue();
    static const render::Views instance(catalogue);
    return instance;
}

std::unique_ptr<store::Database> fresh(const std::string& name) {
    auto db = std::make_unique<store::Database>(store::DatabaseUrl::parse(test::fresh_database_url(name)), 2);
    store::migrate(*db, store::embedded_migrations());
    return db;
}

long long count(store::Database& db, const std::string& sql) {
    store::Lease s(db);
    return store::Query(sql).scalar(*s);
}

Clock::time_point t0() { return std::chrono::floor<std::chrono::seconds>(Clock::now()); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string confirm_link = "https://latitudes.localhost/email/confirm?token=Zx9-abc_123&lang=fr";

mail::Mail confirm_mail(Lang lang, const std::string& to = "zoe@example.org") {
    auto m = mail::render_mail(views(), lang, "confirm_email", {{"display_name", "Zoé"}, {"link", confirm_link}});
    m.to = to;
    return m;
}

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// The Python that has Debian's aiosmtpd: LATITUDES_PYTHON, else /usr/bin/python3, else python3.
std::string python() {
    if (const char* p = std::getenv("LATITUDES_PYTHON"); p && *p) return p;
    if (::access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
    return "python3";
}

// Runs a program; returns its exit code and stdout.
std::pair<int, std::string> run(const std::vector<std::string>& args) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::string text;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(out[0], buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, text};
}

// scripts/smtp-sink.py on 127.0.0.1:port, writing to a fresh folder; stopped with SIGTERM.
class SmtpSink {
public:
    SmtpSink(int port, fs::path folder) : folder_(std::move(folder)) {
        fs::remove_all(folder_);
        int out[2];
        if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
        const std::string interpreter = python();
        const std::string script = std::string(LATITUDES_SOURCE_DIR) + "/scripts/smtp-sink.py";
        const std::string port_text = std::to_string(port);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlives a crashed test
            ::dup2(out[1], 1);
            ::close(out[0]);
            ::execlp(interpreter.c_str(), interpreter.c_str(), script.c_str(), port_text.c_str(), folder_.c_str(),
                     static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(out[1]);
        output_ = out[0];  // kept open until the sink stops: it never writes into a closed pipe
        std::string seen;
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        while (!contains(seen, "ready\n") && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (::poll(&p, 1, 200) <= 0) continue;
            char buffer[256];
            const ssize_t n = ::read(out[0], buffer, sizeof buffer);
            if (n <= 0) break;  // the sink exited
            seen.append(buffer, static_cast<std::size_t>(n));
        }
        if (!contains(seen, "ready\n")) {
            stop();
            throw std::runtime_error("scripts/smtp-sink.py did not start with " + interpreter +
                                     " (is python3-aiosmtpd installed? set LATITUDES_PYTHON to choose the Python)");
        }
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    // Waits until `n` messages have arrived; returns them in arrival order.
    std::vector<fs::path> wait_for(std::size_t n, std::chrono::milliseconds timeout = 10s) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            std::vector<fs::path> files;
            if (fs::exists(folder_))
                for (const auto& entry : fs::directory_iterator(folder_))
                    if (entry.path().extension() == ".eml") files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            if (files.size() >= n || std::chrono::steady_clock::now() > deadline) return files;
            std::this_thread::sleep_for(50ms);
        }
    }

private:
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        if (output_ >= 0) ::close(output_);
        output_ = -1;
    }
    fs::path folder_;
    pid_t pid_ = -1;
    int output_ = -1;
};

fs::path scratch(const std::string& name) {
    return fs::temp_directory_path() / ("latitudes-mail-test-" + std::to_string(::getpid())) / name;
}

// Parses a received message with Python's e-mail package (an independent, strict reader).
nlohmann::json parse_eml(const fs::path& file) {
    static const char* script = R"PY(
import email, json, sys
from email import policy
with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=policy.default)
plain = msg.get_body(preferencelist=("plain",))
html = msg.get_body(preferencelist=("html",))
defects = [str(d) for d in msg.defects]
for part in msg.walk():
    defects += [str(d) for d in part.defects]
print(json.dumps({
    "to": str(msg["To"]), "from": str(msg["From"]), "subject": str(msg["Subject"]),
    "date": str(msg["Date"] or ""), "message_id": str(msg["Message-ID"] or ""),
    "content_type": msg.get_content_type(),
    "text": plain.get_content() if plain else None, "html": html.get_content() if html else None,
    "text_charset": plain.get_content_charset() if plain else None,
    "defects": defects}))
)PY";
    auto [code, out] = run({python(), "-c", script, file.string()});
    if (code != 0) throw std::runtime_error("cannot parse " + file.string() + ": " + out);
    return nlohmann::json::parse(out);
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

// ---- rendering -------------------------------------------------------------------------------

TEST(MailRender, FrenchConfirmationIsPlainTextWithoutEntitiesAndEscapedHtml) {
    auto m = mail::render_mail(views(), Lang::fr, "confirm_email",
                               {{"display_name", "Zoé <b>& \"co\"</b>"}, {"link", confirm_link}});
    EXPECT_EQ(m.subject, "Confirmez votre adresse électronique sur Latitudes");
    EXPECT_TRUE(m.to.empty());
    // Text part: the link verbatim, messages with their apostrophes, the name as typed, no entity.
    EXPECT_TRUE(contains(m.text, "\n" + confirm_link + "\n")) << m.text;
    EXPECT_TRUE(contains(m.text, "Bonjour Zoé <b>& \"co\"</b>,")) << m.text;
    EXPECT_TRUE(contains(m.text, "L'équipe Latitudes")) << m.text;
    EXPECT_TRUE(contains(m.text, "confirmez votre adresse électronique")) << m.text;
    for (const char* entity : {"&amp;", "&#39;", "&quot;", "&lt;", "&gt;", "&apos;"})
        EXPECT_FALSE(contains(m.text, entity)) << entity << " in\n" << m.text;
    EXPECT_EQ(m.text.back(), '\n');
    // HTML part: everything escaped, the link in the button and in the fallback.
    EXPECT_TRUE(contains(m.html, "<html lang=\"fr\">"));
    EXPECT_TRUE(contains(m.html, "Zoé &lt;b&gt;&amp; &quot;co&quot;&lt;/b&gt;"));
    EXPECT_FALSE(contains(m.html, "<b>&"));
    EXPECT_TRUE(contains(m.html, "L&#39;équipe Latitudes"));
    EXPECT_TRUE(contains(m.html, "href=\"https://latitudes.localhost/email/confirm?token=Zx9-abc_123&amp;lang=fr\""));
    EXPECT_TRUE(contains(m.html, "Confirmer mon adresse"));
}

TEST(MailRender, EnglishVersionsAndEveryTemplate) {
    auto confirm = mail::render_mail(views(), Lang::en, "confirm_email", {{"display_name", "Sam"}, {"link", confirm_link}});
    EXPECT_EQ(confirm.subject, "Confirm your e-mail address on Latitudes");
    EXPECT_TRUE(contains(confirm.text, "Hello Sam,"));
    EXPECT_TRUE(contains(confirm.text, confirm_link));
    EXPECT_TRUE(contains(confirm.html, "<html lang=\"en\">"));

    auto reset_fr = mail::render_mail(views(), Lang::fr, "reset_password", {{"link", confirm_link}});
    EXPECT_EQ(reset_fr.subject, "Réinitialisation de votre mot de passe Latitudes");
    EXPECT_TRUE(contains(reset_fr.text, "Bonjour,\n")) << "no name: no dangling space";
    EXPECT_TRUE(contains(reset_fr.text, "votre mot de passe reste inchangé"));
    EXPECT_TRUE(contains(reset_fr.text, confirm_link));
    auto reset_en = mail::render_mail(views(), Lang::en, "reset_password", {{"link", confirm_link}, {"display_name", ""}});
    EXPECT_EQ(reset_en.subject, "Reset your Latitudes password");
    EXPECT_TRUE(contains(reset_en.text, "Hello,\n")) << reset_en.text;

    const nlohmann::json invite = {{"organisation", "Les Restos d'Été"}, {"inviter", "Léa Martin"}, {"link", confirm_link}};
    auto inv_fr = mail::render_mail(views(), Lang::fr, "invitation", invite);
    EXPECT_EQ(inv_fr.subject, "Invitation à rejoindre une organisation sur Latitudes — Les Restos d'Été");
    EXPECT_TRUE(contains(inv_fr.text, "Organisation : Les Restos d'Été\nInvitation envoyée par : Léa Martin\n")) << inv_fr.text;
    EXPECT_TRUE(contains(inv_fr.html, "<strong>Les Restos d&apos;Été</strong>") ||
                contains(inv_fr.html, "<strong>Les Restos d&#39;Été</strong>"));
    EXPECT_TRUE(contains(inv_fr.html, "Accepter l&#39;invitation"));
    auto inv_en = mail::render_mail(views(), Lang::en, "invitation", invite);
    EXPECT_EQ(inv_en.subject, "Invitation to join an organisation on Latitudes — Les Restos d'Été");
    EXPECT_TRUE(contains(inv_en.text, "Invited by: Léa Martin"));

    EXPECT_THROW(mail::render_mail(views(), Lang::fr, "no_such_mail", {}), std::runtime_error);
    EXPECT_THROW(mail::render_mail(views(), Lang::fr, "confirm_email", nlohmann::json::array()), std::invalid_argument);
}

TEST(MailRender, HtmlUnescapeUndoesExactlyOneLevel) {
    EXPECT_EQ(mail::html_unescape("a &amp;lt; b &lt; c &#39;d&apos; &quot;e&quot; &nbsp;"), "a &lt; b < c 'd' \"e\" &nbsp;");
}

// ---- message format --------------------------------------------------------------------------

TEST(MailMessage, HeadersEncodedWordsAndQuotedPrintableLines) {
    EXPECT_EQ(mail::encode_header_word("Plain subject"), "Plain subject");
    const std::string word = mail::encode_header_word("Réinitialisation de votre mot de passe Latitudes, très longue ligne");
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    std::size_t start = 0;
    while (start < word.size()) {  // every encoded-word within 75 characters
        auto end = word.find("\r\n ", start);
        if (end == std::string::npos) end = word.size();
        EXPECT_LE(end - start, 75u);
        start = end + 3;
    }
    EXPECT_EQ(mail::address_of("Latitudes <no-reply@latitudes.localhost>"), "no-reply@latitudes.localhost");
    EXPECT_EQ(mail::address_of("x@y.z"), "x@y.z");

    const std::string qp = mail::quoted_printable(std::string(200, 'e') + " é=\n.dot line \nend");
    std::istringstream lines(qp);
    for (std::string line; std::getline(lines, line);) {
        if (line == "end") break;  // the last line has no line break
        ASSERT_FALSE(line.empty());
        EXPECT_EQ(line.back(), '\r');
        EXPECT_LE(line.size() - 1, 76u) << line;
    }
    EXPECT_TRUE(contains(qp, "=C3=A9=3D\r\n=2Edot line=20\r\nend"));
    // A UTF-8 character is never split by a soft line break.
    const std::string accents = mail::quoted_printable(std::string(70, 'a') + "éééééé");
    EXPECT_TRUE(contains(accents, std::string(70, 'a') + "=\r\n=C3=A9")) << accents;

    auto m = confirm_mail(Lang::fr);
    const std::string message = mail::build_message(m, "Équipe Latitudes <no-reply@latitudes.localhost>", t0());
    EXPECT_EQ(message.find('\n'), message.find("\r\n") + 1);
    EXPECT_TRUE(contains(message, "\r\nTo: zoe@example.org\r\n"));
    EXPECT_TRUE(contains(message, "\r\nSubject: =?UTF-8?B?"));
    EXPECT_TRUE(contains(message, "\r\nMIME-Version: 1.0\r\n"));
    EXPECT_TRUE(contains(message, "@latitudes.localhost>\r\n"));  // Message-ID
    EXPECT_TRUE(contains(message, "From: =?UTF-8?B?"));
    EXPECT_EQ(message.rfind("Date: ", 0), 0u);
    for (char c : message) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "8-bit byte in the message";
}

// ---- outbox ----------------------------------------------------------------------------------

TEST(MailOutbox, QueuedOnlyWhenTheCallersTransactionCommits) {
    auto db = fresh("mail_tx");
    {
        store::Lease s(*db);
        soci::transaction tx(*s);
        mail::Outbox::enqueue(*s, confirm_mail(Lang::fr), Lang::fr, "confirm_email");
        tx.rollback();
    }
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM mail_outbox"), 0);
    long long id = 0;
    {
        store::Lease s(*db);
        soci::transaction tx(*s);
        id = mail::Outbox::enqueue(*s, confirm_mail(Lang::en), Lang::en, "confirm_email");
        tx.commit();
    }
    EXPECT_GT(id, 0);
    mail::Outbox outbox(*db);
    auto found = outbox.find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, "queued");
    EXPECT_EQ(found->attempts, 0);
    EXPECT_EQ(found->lang, Lang::en);
    EXPECT_EQ(found->template_name, "confirm_email");
    EXPECT_EQ(found->mail.subject, "Confirm your e-mail address on Latitudes");
    EXPECT_EQ(found->mail.text, confirm_mail(Lang::en).text);
    EXPECT_EQ(found->created_at.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ from {{now}}
    EXPECT_EQ(found->last_error, "");

    store::Lease s(*db);
    auto bad = confirm_mail(Lang::fr, "victim@example.org\r\nBcc: all@example.org");
    EXPECT_THROW(mail::Outbox::enqueue(*s, bad, Lang::fr, "confirm_email"), std::invalid_argument);
    EXPECT_THROW(mail::Outbox::enqueue(*s, confirm_mail(Lang::fr, "no-at-sign"), Lang::fr, "x"), std::invalid_argument);
}

TEST(MailNotifier, WritesInTheRecipientsLastLanguageInsideTheCallersTransaction) {
    auto db = fresh("mail_notifier");
    const mail::Notifier notifier(views(), "https://latitudes.example");
    const store::Recipient alice{"alice@example.org", "Alice"};
    {
        store::Lease s(*db);
        EXPECT_EQ(mail::Notifier::language_of(*s, alice.email), Lang::fr) << "nothing sent yet";
    }
    {
        store::Lease s(*db);
        store::WriteTransaction tx(*s);
        notifier.tell(*s, alice, "confirm_email", nlohmann::json::object(), "/confirm?token=abc", mail::Clock::now());
        tx.rollback();
    }
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM mail_outbox"), 0) << "rolled back with the caller's transaction";
    {
        store::Lease s(*db);
        store::WriteTransaction tx(*s);
        notifier.tell(*s, alice, "confirm_email", nlohmann::json::object(), "/confirm?token=abc", mail::Clock::now());
        tx.commit();
    }
    mail::Outbox outbox(*db);
    auto first = outbox.list_recent(1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].lang, Lang::fr);
    EXPECT_NE(first[0].mail.text.find("https://latitudes.example/confirm?token=abc&lang=fr"), std::string::npos)
        << first[0].mail.text;
    EXPECT_NE(first[0].mail.text.find("Alice"), std::string::npos);
    {
        store::Lease s(*db);
        mail::Outbox::enqueue(*s, confirm_mail(Lang::en, alice.email), Lang::en, "confirm_email");
        EXPECT_EQ(mail::Notifier::language_of(*s, alice.email), Lang::en) << "the last one";
        notifier.tell(*s, alice, "confirm_email", nlohmann::json::object(), "/me", mail::Clock::now());
    }
    auto last = outbox.list_recent(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].lang, Lang::en);
    EXPECT_NE(last[0].mail.text.find("https://latitudes.example/me?lang=en"), std::string::npos) << last[0].mail.text;
}

TEST(MailOutbox, DueSentBackOffAndFailedAfterTenAttempts) {
    using std::chrono::seconds;
    EXPECT_EQ(mail::retry_delay(1), seconds(60));
    EXPECT_EQ(mail::retry_delay(2), seconds(120));
    EXPECT_EQ(mail::retry_delay(3), seconds(240));
    EXPECT_EQ(mail::retry_delay(9), seconds(60 * 256));
    EXPECT_EQ(mail::retry_delay(10), seconds(6 * 3600));  // 512 min capped at 6 h
    EXPECT_EQ(mail::retry_delay(100), seconds(6 * 3600));

    auto db = fresh("mail_backoff");
    const auto now = t0();
    long long a = 0, b = 0;
    {
        store::Lease s(*db);
        a = mail::Outbox::enqueue(*s, confirm_mail(Lang::fr, "a@example.org"), Lang::fr, "confirm_email", now);
        b = mail::Outbox::enqueue(*s, confirm_mail(Lang::fr, "b@example.org"), Lang::fr, "confirm_email", now + 1s);
    }
    mail::Outbox outbox(*db);
    EXPECT_TRUE(outbox.due(now - 1s, 10).empty());
    ASSERT_EQ(outbox.due(now, 10).size(), 1u);
    auto due = outbox.due(now + 1s, 10);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].id, a);
    EXPECT_EQ(due[1].id, b);
    EXPECT_EQ(outbox.due(now + 1s, 1).size(), 1u);

    // b is sent: never due again.
    outbox.mark_sent(b, now + 2s);
    auto sent = outbox.find(b);
    EXPECT_EQ(sent->status, "sent");
    EXPECT_EQ(sent->sent_at, mail::iso_utc(now + 2s));
    EXPECT_EQ(sent->attempts, 1);

    // a fails again and again: 1 min, 2, 4, ... then 'failed' at the tenth attempt.
    auto at = now;
    for (int attempt = 1; attempt <= 9; ++attempt) {
        outbox.mark_failed_attempt(a, "SMTP: Connection refused\nsecond line", at);
        auto m = outbox.find(a);
        EXPECT_EQ(m->status, "queued");
        EXPECT_EQ(m->attempts, attempt);
        EXPECT_EQ(m->last_error, "SMTP: Connection refused");
        EXPECT_EQ(m->next_attempt_at, mail::iso_utc(at + mail::retry_delay(attempt)));
        EXPECT_TRUE(outbox.due(at + mail::retry_delay(attempt) - 1s, 10).empty()) << attempt;
        at += mail::retry_delay(attempt);
        ASSERT_EQ(outbox.due(at, 10).size(), 1u) << attempt;
    }
    outbox.mark_failed_attempt(a, "SMTP: still refused", at);
    auto failed = outbox.find(a);
    EXPECT_EQ(failed->status, "failed");
    EXPECT_EQ(failed->attempts, 10);
    EXPECT_TRUE(outbox.due(at + std::chrono::hours(24 * 365), 10).empty());
    outbox.mark_failed_attempt(a, "ignored", at);  // no longer queued: nothing changes
    EXPECT_EQ(outbox.find(a)->attempts, 10);

    auto recent = outbox.list_recent(10);
    ASSERT_EQ(recent.size(), 2u);
    EXPECT_EQ(recent[0].id, b);
    EXPECT_EQ(outbox.list_recent(1).size(), 1u);
}

TEST(MailOutbox, ClaimLetsOnlyOneSenderTakeAMail) {
    auto db = fresh("mail_claim");
    const auto now = t0();
    {
        store::Lease s(*db);
        mail::Outbox::enqueue(*s, confirm_mail(Lang::fr), Lang::fr, "confirm_email", now);
    }
    mail::Outbox first(*db), second(*db);
    auto seen_by_first = first.due(now, 10);
    auto seen_by_second = second.due(now, 10);
    ASSERT_EQ(seen_by_first.size(), 1u);
    ASSERT_EQ(seen_by_second.size(), 1u);
    EXPECT_TRUE(first.claim(seen_by_first[0], now));
    EXPECT_FALSE(second.claim(seen_by_second[0], now));
    EXPECT_TRUE(first.due(now + 4min, 10).empty());   // leased for 5 minutes
    EXPECT_EQ(first.due(now + 5min, 10).size(), 1u);  // a sender that died only delays it
}

// ---- SMTP ------------------------------------------------------------------------------------

TEST(MailSmtp, DeliversToARealSmtpServer) {
    auto db = fresh("mail_smtp");
    const int port = free_port();
    SmtpSink sink(port, scratch("sink-ok"));
    const auto now = t0();
    const auto confirm = confirm_mail(Lang::fr);
    auto invite = mail::render_mail(views(), Lang::fr, "invitation",
                                    {{"organisation", "Les Restos d'Été"}, {"inviter", "Léa"}, {"link", confirm_link}});
    invite.to = "lea@example.org";
    {
        store::Lease s(*db);
        soci::transaction tx(*s);
        mail::Outbox::enqueue(*s, confirm, Lang::fr, "confirm_email", now);
        mail::Outbox::enqueue(*s, invite, Lang::fr, "invitation", now);
        tx.commit();
    }
    mail::SmtpSender sender({"smtp://127.0.0.1:" + std::to_string(port)});
    EXPECT_EQ(mail::deliver_due(*db, sender, now, 10), 2) << mail::Outbox(*db).list_recent(1).at(0).last_error;
    EXPECT_EQ(mail::deliver_due(*db, sender, now + 1h, 10), 0);  // nothing sent twice
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent' AND attempts = 1"), 2);

    auto files = sink.wait_for(2);
    ASSERT_EQ(files.size(), 2u);
    const auto raw = read_file(files[0]);
    EXPECT_TRUE(contains(raw, "Subject: =?UTF-8?B?")) << raw;
    EXPECT_TRUE(contains(raw, "Content-Transfer-Encoding: quoted-printable"));

    auto got = parse_eml(files[0]);
    EXPECT_EQ(got["defects"], nlohmann::json::array()) << got.dump();
    EXPECT_EQ(got["to"], "zoe@example.org");
    EXPECT_EQ(got["from"], "Latitudes <no-reply@latitudes.localhost>");
    EXPECT_EQ(got["subject"], "Confirmez votre adresse électronique sur Latitudes");
    EXPECT_EQ(got["content_type"], "multipart/alternative");
    EXPECT_EQ(got["text_charset"], "utf-8");
    EXPECT_FALSE(got["date"].get<std::string>().empty());
    EXPECT_TRUE(contains(got["message_id"].get<std::string>(), "@latitudes.localhost>"));
    const auto text = got["text"].get<std::string>();
    const auto html = got["html"].get<std::string>();
    EXPECT_TRUE(contains(text, confirm_link)) << text;
    EXPECT_TRUE(contains(text, "L'équipe Latitudes"));
    EXPECT_TRUE(contains(html, "href=\"https://latitudes.localhost/email/confirm?token=Zx9-abc_123&amp;lang=fr\""));
    // The parts arrive exactly as rendered (trailing line ends aside: Python keeps the CRLF that
    // RFC 2046 assigns to the boundary).
    auto trimmed = [](std::string s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        return s;
    };
    EXPECT_EQ(trimmed(text), trimmed(confirm.text));
    EXPECT_EQ(trimmed(html), trimmed(confirm.html));

    auto second = parse_eml(files[1]);
    EXPECT_EQ(second["to"], "lea@example.org");
    EXPECT_EQ(second["subject"], "Invitation à rejoindre une organisation sur Latitudes — Les Restos d'Été");
    EXPECT_TRUE(contains(second["text"].get<std::string>(), confirm_link));
    EXPECT_TRUE(contains(second["html"].get<std::string>(), "Accepter l&#39;invitation"));
}

TEST(MailSmtp, RelayFailureKeepsTheMailQueuedUntilTheRelayAnswers) {
    auto db = fresh("mail_retry");
    const int port = free_port();  // nothing listens there yet
    const auto now = t0();
    long long id = 0;
    {
        store::Lease s(*db);
        id = mail::Outbox::enqueue(*s, confirm_mail(Lang::fr), Lang::fr, "confirm_email", now);
    }
    mail::SmtpSender sender({"smtp://127.0.0.1:" + std::to_string(port)});
    const auto direct = sender.send(confirm_mail(Lang::fr));
    EXPECT_FALSE(direct.ok);
    EXPECT_FALSE(direct.error.empty());

    EXPECT_EQ(mail::deliver_due(*db, sender, now, 10), 0);
    mail::Outbox outbox(*db);
    auto queued = outbox.find(id);
    EXPECT_EQ(queued->status, "queued");
    EXPECT_EQ(queued->attempts, 1);
    EXPECT_GT(queued->next_attempt_at, mail::iso_utc(now));
    EXPECT_EQ(queued->next_attempt_at, mail::iso_utc(now + 1min));
    EXPECT_TRUE(contains(queued->last_error, "SMTP")) << queued->last_error;
    EXPECT_EQ(mail::deliver_due(*db, sender, now + 30s, 10), 0);  // not due yet: no attempt
    EXPECT_EQ(outbox.find(id)->attempts, 1);

    SmtpSink sink(port, scratch("sink-retry"));
    EXPECT_EQ(mail::deliver_due(*db, sender, now + 1min, 10), 1);
    auto sent = outbox.find(id);
    EXPECT_EQ(sent->status, "sent");
    EXPECT_EQ(sent->attempts, 2);
    EXPECT_EQ(sent->last_error, "");
    auto files = sink.wait_for(1);
    ASSERT_EQ(files.size(), 1u);
    auto got = parse_eml(files[0]);
    EXPECT_EQ(got["subject"], "Confirmez votre adresse électronique sur Latitudes");
    EXPECT_TRUE(contains(got["text"].get<std::string>(), confirm_link));
    EXPECT_TRUE(contains(got["html"].get<std::string>(), "token=Zx9-abc_123&amp;lang=fr"));
}

TEST(MailSmtp, CredentialsAreNeverSentWithoutTls) {
    const int port = free_port();
    SmtpSink sink(port, scratch("sink-auth"));  // offers no STARTTLS
    mail::SmtpSender sender({"smtp://user:s3cret@127.0.0.1:" + std::to_string(port)});
    auto result = sender.send(confirm_mail(Lang::fr));
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(contains(result.error, "s3cret")) << result.error;
    EXPECT_TRUE(sink.wait_for(1, 300ms).empty());
}

TEST(MailSmtp, NoRelayAndEnvironment) {
    mail::SmtpSender none({""});
    auto result = none.send(confirm_mail(Lang::fr));
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(contains(result.error, "LATITUDES_SMTP_URL"));
    mail::SmtpSender any({"smtp://127.0.0.1:1"});
    EXPECT_FALSE(any.send(confirm_mail(Lang::fr, "bad\r\naddress@x")).ok);

    ::unsetenv("LATITUDES_SMTP_URL");
    EXPECT_FALSE(mail::smtp_url_from_env());
    ::setenv("LATITUDES_SMTP_URL", "", 1);
    EXPECT_FALSE(mail::smtp_url_from_env());
    ::setenv("LATITUDES_SMTP_URL", "smtp://relay:25", 1);
    EXPECT_EQ(mail::smtp_url_from_env(), "smtp://relay:25");
    ::setenv("LATITUDES_MAIL_FROM", "Asso <hello@asso.example>", 1);
    auto config = mail::smtp_config_from_env();
    ASSERT_TRUE(config);
    EXPECT_EQ(config->url, "smtp://relay:25");
    EXPECT_EQ(config->from, "Asso <hello@asso.example>");
    EXPECT_EQ(config->connect_timeout_seconds, 10);
    EXPECT_EQ(config->total_timeout_seconds, 30);
    ::unsetenv("LATITUDES_SMTP_URL");
    EXPECT_FALSE(mail::smtp_config_from_env());
    ::unsetenv("LATITUDES_MAIL_FROM");
    EXPECT_EQ(mail::mail_from_from_env(), "Latitudes <no-reply@latitudes.localhost>");
    ::setenv("LATITUDES_MAIL_FROM", "Asso <hello@asso.example>", 1);
    EXPECT_EQ(mail::mail_from_from_env(), "Asso <hello@asso.example>");
    ::unsetenv("LATITUDES_MAIL_FROM");
}
