// What compressing an answer costs on a worker, at the settings the server could use:
//   bench_compression FILE...   (scripts/bench.sh saves /projects and /api/v1/projects)
// Each case reports the time per answer and, as counters, the answer's size before and after.
// The server compresses pages with Brotli 4 or gzip 6 (web/response_coding.hpp); gzip 9 and
// Brotli 11 are what the build uses for static files, shown for comparison.
#include "web/compression.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace latitudes::web;

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void compress(benchmark::State& state, const std::string& body, Coding coding, int level) {
    std::size_t size = 0;
    for (auto _ : state) {
        const std::string out = coding == Coding::br ? brotli_compress(body, level) : gzip_compress(body, level);
        size = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bytes_in"] = static_cast<double>(body.size());
    state.counters["bytes_out"] = static_cast<double>(size);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_compression [benchmark options] FILE...\n");
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        const std::string body = read_file(argv[i]);
        for (int level : {1, 6, 9})
            benchmark::RegisterBenchmark(("gzip" + std::to_string(level) + "/" + name).c_str(), [body,
                                                                                                 level](benchmark::State& s) {
                compress(s, body, Coding::gzip, level);
            })->Unit(benchmark::kMicrosecond);
        for (int quality : {1, 4, 5, 11})
            benchmark::RegisterBenchmark(("br" + std::to_string(quality) + "/" + name).c_str(), [body,
                                                                                                 quality](benchmark::State& s) {
                compress(s, body, Coding::br, quality);
            })->Unit(benchmark::kMicrosecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
