#include "store/project_lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fr {

static std::string readOwnerPid(int fd)
{
    char text[32] = {};
    ssize_t got = pread(fd, text, sizeof text - 1, 0);
    std::string pid = got > 0 ? std::string(text, static_cast<size_t>(got)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
        pid.pop_back();
    return pid.empty() ? "unknown" : pid;
}

static void writeOwnerPid(int fd)
{
    std::string pid = std::to_string(getpid()) + "\n";
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message another instance shows; the lock itself holds.
    }
}

Result<std::unique_ptr<ProjectLock>> ProjectLock::acquire(const std::string& projectPath)
{
    const std::string lockPath = lockPathFor(projectPath);
    // The lock file is never deleted: unlinking it while another process waits on the same inode
    // would let two instances believe they hold the lock.
    int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        int error = errno;
        std::string why = error == EACCES || error == EROFS || error == EPERM
            ? " (read-only location: FairReview needs to write the project, its journal and its "
              "lock file in that folder)"
            : "";
        return Result<std::unique_ptr<ProjectLock>>::failure("cannot lock project " + projectPath
            + ": cannot create " + lockPath + ": " + std::strerror(error) + why);
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        std::string pid = readOwnerPid(fd);
        ::close(fd);
        if (error == EWOULDBLOCK)
            return Result<std::unique_ptr<ProjectLock>>::failure(
                "project " + projectPath + " is open in another FairReview (pid " + pid + ")");
        return Result<std::unique_ptr<ProjectLock>>::failure(
            "cannot lock project " + projectPath + ": " + std::strerror(error));
    }
    writeOwnerPid(fd);
    return std::unique_ptr<ProjectLock>(new ProjectLock(fd));
}

ProjectLock::~ProjectLock()
{
    flock(mFd, LOCK_UN);
    ::close(mFd);
}

} // namespace fr
