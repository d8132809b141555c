/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bound into a container by tst_CliIsolation: tries the system calls a
 * default Docker container is refused and prints "NAME errno" per line
 * (0 = allowed), so the test compares outcomes, not shell messages. Static:
 * the busybox image has no libc. */
#define _GNU_SOURCE
#include <errno.h>
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
