#pragma once
// Runs the real `latitudes` binary for HTTP tests: commands, and a server on a free loopback
// port that is stopped with SIGTERM, the way a service manager stops it.
#include "web/site.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace latitudes::test {

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// Runs the binary with arguments and `input` on its standard input; captures its output.
inline CommandResult run_latitudes(const std::vector<std::string>& args, const std::string& input = {},
                                   const std::string& binary = LATITUDES_BINARY) {
    int pipefd[2], infd[2];
    if (pipe(pipefd) != 0 || pipe(infd) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        dup2(infd[0], 0);
        close(pipefd[0]);
        close(infd[1]);
        std::vector<char*> argv{const_cast<char*>(binary.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(pipefd[1]);
    close(infd[0]);
    if (!input.empty() && write(infd[1], input.data(), input.size()) < 0) throw std::runtime_error("write failed");
    close(infd[1]);
    CommandResult result;
    char buffer[4096];
    ssize_t n;
    while ((n = read(pipefd[0], buffer, sizeof buffer)) > 0) result.output.append(buffer, static_cast<std::size_t>(n));
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

inline int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

struct HttpResponse {
    long status = 0;
    bool truncated = false;                      // in-process: a streamed body stopped short (the server closes the connection)
    std::map<std::string, std::string> headers;  // lower-case names, last value wins
    std::vector<std::string> set_cookies;
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

// Requests to a server: over a socket (a ServerProcess's port, with libcurl) or, for the
// handler suites, in-process through a Site (see in_process_site.hpp): the same requests, answers
// and assertions, without the socket, the process and curl.
class HttpClient {
public:
    explicit HttpClient(int port) : base_("http://127.0.0.1:" + std::to_string(port)) {}
    explicit HttpClient(web::Site& site) : site_(&site) {}

    HttpResponse request(const std::string& method, const std::string& target, const std::vector<std::string>& headers = {},
                         const std::string& body = {}) const {
        if (site_) return handle_in_process(method, target, headers, body);
        CURL* curl = curl_easy_init();
        HttpResponse response;
        const std::string url = base_ + target;
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
        if (!body.empty()) {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        }
        curl_slist* list = nullptr;
        for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(
            curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
                static_cast<std::string*>(out)->append(data, size * count);
                return size * count;
            });
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(
            curl, CURLOPT_HEADERFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
                auto* r = static_cast<HttpResponse*>(out);
                std::string line(data, size * count);
                auto colon = line.find(':');
                if (colon != std::string::npos) {
                    std::string name = line.substr(0, colon);
                    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    std::string value = line.substr(colon + 1);
                    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
                    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
                    if (name == "set-cookie") r->set_cookies.push_back(value);
                    r->headers[name] = value;
                }
                return size * count;
            });
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
        const CURLcode rc = curl_easy_perform(curl);
        if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        curl_slist_free_all(list);
        curl_easy_cleanup(curl);
        if (rc != CURLE_OK) throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
        return response;
    }
    HttpResponse get(const std::string& target, const std::vector<std::string>& headers = {}) const {
        return request("GET", target, headers);
    }

private:
    // What the server's to_request and answer do around Site::handle (web/server.cpp).
    HttpResponse handle_in_process(const std::string& method, const std::string& target, const std::vector<std::string>& headers,
                                   const std::string& body) const {
        web::Request request;
        request.method = method;
        request.target = target;
        const auto question = target.find('?');
        request.path = web::url_decode(target.substr(0, question), false);
        if (question != std::string::npos) request.query = web::parse_query(target.substr(question + 1));
        request.body = body;
        request.remote = "127.0.0.1";
        for (const auto& line : headers) {
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            if (value.empty()) continue;  // curl drops a header given without a value, too
            request.headers.emplace(std::move(name), std::move(value));
        }
        std::string route;
        web::Response answer = site_->handle(request, route);
        HttpResponse response;
        response.status = answer.status;
        if (!answer.content_type.empty()) response.headers["content-type"] = answer.content_type;
        for (const auto& [name, value] : answer.headers) {
            std::string lower = name;
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower == "set-cookie") response.set_cookies.push_back(value);
            response.headers[lower] = value;
        }
        if (method != "HEAD") response.body = std::move(answer.body);
        // A streamed body (a document's download), read piece by piece as server.cpp writes it.
        if (answer.stream && method != "HEAD") {
            try {
                while (auto piece = answer.stream()) response.body += *piece;
            } catch (const std::exception&) {
                response.truncated = true;
            }
        }
        return response;
    }

    std::string base_;
    web::Site* site_ = nullptr;
};

class ServerProcess {
public:
    ServerProcess(const std::string& database_url, const std::vector<std::string>& extra = {}) : port_(free_port()) {
        std::vector<std::string> args{"serve",      "--host",     "127.0.0.1", "--port", std::to_string(port_),
                                      "--database", database_url, "--workers", "4"};
        // No access log unless the test asks for one.
        if (std::find(extra.begin(), extra.end(), "--access-log") == extra.end())
            args.insert(args.end(), {"--access-log", "off"});
        args.insert(args.end(), extra.begin(), extra.end());
        pid_ = fork();
        if (pid_ == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            std::vector<char*> argv{const_cast<char*>(LATITUDES_BINARY)};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            execv(LATITUDES_BINARY, argv.data());
            _exit(127);
        }
        HttpClient client(port_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            try {
                if (client.get("/healthz").status == 200) return;
            } catch (const std::exception&) {
            }
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("the server exited during start-up");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("the server did not answer /healthz within 30 s");
    }
    ~ServerProcess() {
        if (pid_ > 0) stop();
    }
    // SIGTERM, then the exit code (0 for a clean, graceful stop).
    int stop() {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }

private:
    int port_;
    pid_t pid_ = -1;
};

}  // namespace latitudes::test
