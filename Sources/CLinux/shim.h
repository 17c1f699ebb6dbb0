// Linux socket, event-notification and random-number calls that Swift's Glibc module does not expose
// (epoll, eventfd, accept4, the SOCK_* creation flags and getrandom).
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

// A non-blocking, close-on-exec IPv4 TCP socket; -1 with errno set on failure.
static inline int sakura_tcp_socket(void) {
    return socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

// glibc declares accept4 only under _GNU_SOURCE, which would give this module different system
// headers from the others, so the prototype is repeated here.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

// Accepts a connection as a non-blocking, close-on-exec socket; -1 with errno set on failure.
static inline int sakura_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// A blocking, close-on-exec IPv4 TCP socket for clients (tests and tools); -1 with errno set on failure.
static inline int sakura_tcp_client_socket(void) {
    return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

// getrandom(2), the kernel CSPRNG; Swift's Glibc module does not import <sys/random.h>.
#include <sys/random.h>

// The calling thread's kernel id, for setpriority(2) on one thread; glibc's gettid wrapper needs _GNU_SOURCE.
#include <sys/syscall.h>
#include <unistd.h>
static inline int sakura_gettid(void) {
    return (int)syscall(SYS_gettid);
}
