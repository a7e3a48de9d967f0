#define _GNU_SOURCE
#include "CBaselines.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

uint64_t mk_now_ns(void);

static const char ok_reply[] = "\r\nOK\r\n";

static int write_all(int fd, const void *bytes, size_t count) {
    const uint8_t *p = bytes;
    while (count > 0) {
        ssize_t written = write(fd, p, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += written;
        count -= (size_t)written;
    }
    return 0;
}

static int make_raw(int fd) {
    struct termios settings;
    if (tcgetattr(fd, &settings) != 0) return -1;
    cfmakeraw(&settings);
    settings.c_cflag |= CLOCAL | CREAD;
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    return tcsetattr(fd, TCSANOW, &settings);
}

int mk_pty_open(mk_pty *pty) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0
        || ptsname_r(master, pty->slave_path, sizeof pty->slave_path) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    int slave = open(pty->slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0 || make_raw(slave) != 0) {
        int saved = errno;
        if (slave >= 0) close(slave);
        close(master);
        errno = saved;
        return -1;
    }
    pty->master = master;
    pty->held_slave = slave;
    return 0;
}

void mk_pty_release_slave(mk_pty *pty) {
    if (pty->held_slave >= 0) close(pty->held_slave);
    pty->held_slave = -1;
}

struct mk_responder {
    pthread_t thread;
    int fd;
    uint64_t answers;
};

static void *responder_main(void *argument) {
    mk_responder *responder = argument;
    uint8_t buffer[4096];
    for (;;) {
        ssize_t count = read(responder->fd, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        for (ssize_t index = 0; index < count; index++) {
            if (buffer[index] != '\r') continue;
            if (write_all(responder->fd, ok_reply, sizeof ok_reply - 1) != 0) return NULL;
            responder->answers += 1;
        }
    }
    return NULL;
}

mk_responder *mk_ok_responder_start(int fd) {
    mk_responder *responder = calloc(1, sizeof *responder);
    if (responder == NULL) return NULL;
    responder->fd = fd;
    int status = pthread_create(&responder->thread, NULL, responder_main, responder);
    if (status != 0) {
        free(responder);
        errno = status;
        return NULL;
    }
    return responder;
}

uint64_t mk_ok_responder_join(mk_responder *responder) {
    pthread_join(responder->thread, NULL);
    uint64_t answers = responder->answers;
    free(responder);
    return answers;
}

int mk_open_raw_blocking(const char *path) {
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (make_raw(fd) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

long mk_raw_round_trip(int fd) {
    static const char command[] = "AT\r";
    if (write_all(fd, command, sizeof command - 1) != 0) return -1;
    uint8_t buffer[256];
    size_t filled = 0;
    for (;;) {
        ssize_t count = read(fd, buffer + filled, sizeof buffer - filled);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) return -1;
        if (count == 0) {
            errno = EPIPE;
            return -1;
        }
        filled += (size_t)count;
        if (filled >= 4 && memcmp(buffer + filled - 4, "OK\r\n", 4) == 0) return (long)filled;
        if (filled == sizeof buffer) filled = 0;
    }
}

int mk_raw_round_trips(int fd, size_t count, uint64_t *nanoseconds) {
    for (size_t index = 0; index < count; index++) {
        uint64_t start = mk_now_ns();
        if (mk_raw_round_trip(fd) < 0) return -1;
        nanoseconds[index] = mk_now_ns() - start;
    }
    return 0;
}

/* The handoff floor: the same round trip, but a second thread does the blocking read and
   hands each answer to the writing thread through a condition variable, the least any
   client that reads on one thread and resumes its caller on another must pay. */
typedef struct {
    int fd;
    size_t count;
    size_t answered;
    int failed;
    pthread_mutex_t lock;
    pthread_cond_t answer;
} mk_handoff;

static void handoff_signal(mk_handoff *handoff, size_t answered, int failed) {
    pthread_mutex_lock(&handoff->lock);
    handoff->answered = answered;
    handoff->failed = failed;
    pthread_cond_signal(&handoff->answer);
    pthread_mutex_unlock(&handoff->lock);
}

static void *handoff_reader(void *argument) {
    mk_handoff *handoff = argument;
    uint8_t buffer[256];
    size_t filled = 0;
    size_t answered = 0;
    while (answered < handoff->count) {
        ssize_t count = read(handoff->fd, buffer + filled, sizeof buffer - filled);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) {
            handoff_signal(handoff, answered, 1);
            return NULL;
        }
        filled += (size_t)count;
        if (filled >= 4 && memcmp(buffer + filled - 4, "OK\r\n", 4) == 0) {
            filled = 0;
            handoff_signal(handoff, ++answered, 0);
        } else if (filled == sizeof buffer) {
            filled = 0;
        }
    }
    return NULL;
}

int mk_handoff_round_trips(int fd, size_t count, uint64_t *nanoseconds) {
    static const char command[] = "AT\r";
    mk_handoff *handoff = calloc(1, sizeof *handoff);
    if (handoff == NULL) return -1;
    handoff->fd = fd;
    handoff->count = count;
    pthread_mutex_init(&handoff->lock, NULL);
    pthread_cond_init(&handoff->answer, NULL);
    pthread_t reader;
    if (pthread_create(&reader, NULL, handoff_reader, handoff) != 0) {
        free(handoff);
        return -1;
    }
    for (size_t index = 0; index < count; index++) {
        uint64_t start = mk_now_ns();
        int failed = write_all(fd, command, sizeof command - 1) != 0;
        pthread_mutex_lock(&handoff->lock);
        while (!failed && handoff->answered <= index && !handoff->failed) {
            pthread_cond_wait(&handoff->answer, &handoff->lock);
        }
        failed = failed || handoff->failed;
        pthread_mutex_unlock(&handoff->lock);
        if (failed) {
            pthread_detach(reader);  /* it may still be reading; leave it and its state */
            return -1;
        }
        nanoseconds[index] = mk_now_ns() - start;
    }
    pthread_join(reader, NULL);
    free(handoff);
    return 0;
}

uint64_t mk_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}
