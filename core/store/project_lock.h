// The advisory lock that keeps a project open in one FairReview at a time: flock() on
// "<project>.lock", held while the project is open and released by the kernel if the process dies.
// The file holds the owner's pid so that the second instance can say who has it.
#pragma once

#include "util/result.h"

#include <memory>
#include <string>

namespace fr {

class ProjectLock {
public:
    // Fails with "project P is open in another FairReview (pid N)" when another process holds it,
    // or with the reason the lock file cannot be written (read-only location, ...).
    static Result<std::unique_ptr<ProjectLock>> acquire(const std::string& projectPath);
    ~ProjectLock();
    ProjectLock(const ProjectLock&) = delete;
    ProjectLock& operator=(const ProjectLock&) = delete;

    static std::string lockPathFor(const std::string& projectPath) { return projectPath + ".lock"; }

private:
    explicit ProjectLock(int fd)
        : mFd(fd)
    { }
    int mFd;
};

} // namespace fr
