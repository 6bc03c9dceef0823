#include "data/file_bytes.h"

#include "util/huge_pages.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fr {

namespace {

constexpr size_t kReadChunkBytes = size_t(32) << 20; // progress granularity while reading

std::string systemError(const std::string& path, const char* what)
{
    return std::string("cannot ") + what + " '" + path + "': " + std::strerror(errno);
}

class FileCloser {
public:
    explicit FileCloser(int fd)
        : mFd(fd)
    { }
    ~FileCloser() { ::close(mFd); }

private:
    int mFd;
};

} // namespace

Result<std::string> readFileBytes(
    const std::string& path, uint64_t maxBytes, const ProgressCallback& progress)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Result<std::string>::failure(systemError(path, "open"));
    FileCloser closer(fd);
    struct stat info { };
    if (::fstat(fd, &info) != 0)
        return Result<std::string>::failure(systemError(path, "read"));
    if (S_ISDIR(info.st_mode))
        return Result<std::string>::failure("cannot read '" + path + "': it is a folder");
    uint64_t size = static_cast<uint64_t>(info.st_size);
    if (size > maxBytes)
        return Result<std::string>::failure("cannot read '" + path + "': " + std::to_string(size)
            + " bytes, more than the " + std::to_string(maxBytes) + " this reader accepts");
    std::string bytes;
    bytes.reserve(size);
    adviseHugePages(bytes.data(), size);
    bytes.resize(size);
    size_t done = 0;
    while (done < size) {
        ssize_t got = ::read(fd, bytes.data() + done, std::min(kReadChunkBytes, size - done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return Result<std::string>::failure(systemError(path, "read"));
        if (got == 0)
            break; // the file shrank while we read it: keep what is there
        done += static_cast<size_t>(got);
        if (progress)
            progress({"reading", static_cast<int64_t>(done), static_cast<int64_t>(size)});
    }
    bytes.resize(done);
    return bytes;
}

} // namespace fr
