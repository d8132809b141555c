/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bound into a container by tst_CliIsolation: tries the system calls a
 * default Docker container is refused and prints "NAME errno" per line
 * (0 = allowed), so the test compares outcomes, not shell messages. Static:
 * the busybox image has no libc. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <linux/keyctl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *name, long rc)
{
    printf("%s %d\n", name, rc < 0 ? errno : 0);
}

/* CVE-2019-5736 as the container sees it: wait (at most `scans` passes over
 * /proc) for a process whose executable is the runtime's (here the sealed
 * memfd copy of strata-shim that runs `#!/proc/self/exe`), take an O_PATH
 * handle on it, try to open it for writing while it runs, then once it is
 * gone reopen the handle read-write and write. Prints "exe-target NAME",
 * "exe-open-running ERRNO", "exe-write-after ERRNO" (0 = the attack worked),
 * or "exe-none" when nothing was caught. */
static void exeAttack(long scans)
{
    for (long n = 0; n < scans; ++n) {
        DIR *proc = opendir("/proc");
        struct dirent *d;
        while (proc && (d = readdir(proc)) != NULL) {
            char link[64], name[256];
            const long pid = strtol(d->d_name, NULL, 10);
            if (pid <= 0 || pid == getpid())
                continue;
            snprintf(link, sizeof link, "/proc/%ld/exe", pid);
            const ssize_t len = readlink(link, name, sizeof name - 1);
            if (len <= 0)
                continue;
            name[len] = '\0';
            if (strstr(name, "strata") == NULL)
                continue;
            const int handle = open(link, O_PATH | O_CLOEXEC);
            if (handle < 0)
                continue; /* gone already */
            char again[64];
            snprintf(again, sizeof again, "/proc/self/fd/%d", handle);
            printf("exe-target %s\n", name);
            const int running = open(again, O_WRONLY | O_CLOEXEC);
            report("exe-open-running", running);
            /* As the container's PID 1 the probe may be its reaper: reap while waiting. */
            for (int w = 0; w < 20000 && kill((pid_t)pid, 0) == 0; ++w) {
                waitpid(-1, NULL, WNOHANG);
                usleep(1000);
            }
            /* Another process may still run the same copy (the exec relay
             * outside the container): ETXTBSY until it ends, then the seal. */
            int after = -1;
            for (int w = 0; w < 10000; ++w) {
                after = open(again, O_RDWR | O_CLOEXEC);
                if (after >= 0 || errno != ETXTBSY)
                    break;
                waitpid(-1, NULL, WNOHANG);
                usleep(1000);
            }
            report("exe-write-after", after < 0 ? -1 : write(after, "x", 1));
            closedir(proc);
            return;
        }
        if (proc)
            closedir(proc);
    }
    printf("exe-none\n");
}

static int child(void *arg)
{
    (void)arg;
    _exit(0);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *what = argv[i];
        errno = 0;
        if (strcmp(what, "keyctl") == 0) {
            report(what, syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0));
        } else if (strcmp(what, "add_key") == 0) {
            report(what, syscall(SYS_add_key, "user", "strata", "x", 1, KEY_SPEC_PROCESS_KEYRING));
        } else if (strcmp(what, "unshare-user") == 0) {
            report(what, unshare(CLONE_NEWUSER));
        } else if (strcmp(what, "mount") == 0) {
            report(what, mount("none", "/tmp", "tmpfs", 0, NULL));
        } else if (strcmp(what, "io_uring_setup") == 0) {
            report(what, syscall(SYS_io_uring_setup, 1, NULL));
        } else if (strcmp(what, "clone-newns") == 0) {
            static char stack[65536];
            long pid = clone(child, stack + sizeof stack, CLONE_NEWNS | SIGCHLD, NULL);
            if (pid > 0)
                waitpid((pid_t)pid, NULL, 0);
            report(what, pid);
        } else if (strcmp(what, "fork") == 0) {
            long pid = fork();
            if (pid == 0)
                _exit(0);
            if (pid > 0)
                waitpid((pid_t)pid, NULL, 0);
            report(what, pid);
        } else if (strcmp(what, "exe-attack") == 0 && i + 1 < argc) {
            exeAttack(atol(argv[++i]));
        } else if (strcmp(what, "personality-linux32") == 0) {
            report(what, syscall(SYS_personality, 0x0008 /* PER_LINUX32 */));
        } else if (strcmp(what, "personality-bsd") == 0) {
            report(what, syscall(SYS_personality, 0x0006 /* PER_BSD */));
        } else {
            printf("%s unknown\n", what);
        }
    }
    return 0;
}
