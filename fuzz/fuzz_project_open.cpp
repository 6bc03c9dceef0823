// libFuzzer target over whole project files (issue 12: a project file from someone else is
// untrusted input). Each input is written to a file and opened the way the window and the CLI open
// a project: the schema check and migration, the dataset reference and column mapping, then every
// read the session and the views make (labels, rounds, the latest model version with its scores
// and checkpoint blob, row ids, the model history, the per-group counts, the integrity check).
// The checkpoint blob is decoded too (util/tensor_bundle.h: the checks that stand between it and
// torch); fitting the decoded arrays into a model is tst_checkpoint's. See fuzz/README.md.
// FUZZ_DEBUG=1 prints why an input was refused.
#include "store/project_store.h"
#include "util/tensor_bundle.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

std::string scratchPath()
{
    static const std::string path
        = "/tmp/fairreview-fuzz-" + std::to_string(::getpid()) + ".frproj";
    return path;
}

void removeScratch(const std::string& path)
{
    for (const char* suffix : {"", "-journal", "-wal", "-shm", ".lock"})
        std::remove((path + suffix).c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = scratchPath();
    removeScratch(path);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    auto opened = fr::ProjectStore::open(path);
    if (std::getenv("FUZZ_DEBUG") && !opened.ok())
        std::fprintf(stderr, "open: %s\n", opened.error().c_str());
    if (opened.ok()) {
        const fr::ProjectStore& store = *opened.value();
        auto session = store.loadSession(); // a failure is a message, which is all this asks
        if (session.ok() && session.value().hasModel) {
            auto checkpoint = fr::TensorBundle::decode(session.value().model.checkpoint);
            if (std::getenv("FUZZ_DEBUG") && !checkpoint.ok())
                std::fprintf(stderr, "checkpoint: %s\n", checkpoint.error().c_str());
        }
        (void)store.rowIds();
        (void)store.modelVersions();
        (void)store.labelCountsByGroup();
        (void)store.eventCount("label");
        (void)store.integrityCheck();
        (void)store.verifyAuditChain();
    }
    removeScratch(path);
    return 0;
}
