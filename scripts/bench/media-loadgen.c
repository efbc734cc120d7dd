/*
 * Load generator for the media benchmarks (scripts/bench/media-bridge.sh), built by that
 * script with `cc -O2`; no binary is committed.
 *
 * bridge mode: N calls, each a caller and an agent streaming 20 ms G.711 packets (50 packets/s
 *   each way) at a relay (Kefu or rtpengine). All callers send from one socket and all agents
 *   from another, with sendmmsg/recvmmsg, so the generator stays cheap; the relay still sees
 *   one remote per leg port. Each payload carries (call, direction, sequence) and a pattern,
 *   so every packet that comes back is checked byte for byte and counted per stream.
 * listen mode: receives prompt playback streams and counts packets and sequence gaps per SSRC.
 *
 * Output: one line of key=value figures. Only 127.0.0.1 is ever addressed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 160
#define PACKET (12 + PAYLOAD)
#define BATCH 256

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int udp_socket(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0) { perror("socket"); exit(1); }
    int size = 16 * 1024 * 1024;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); exit(1); }
    return fd;
}

static double process_cpu_seconds(int pid) {
    if (pid <= 0) return 0;
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return 0;
    unsigned long utime = 0, stime = 0;
    /* fields after ')': state(3) ... utime(14) stime(15) */
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14) utime = strtoul(tok, NULL, 10);
        if (field == 15) { stime = strtoul(tok, NULL, 10); break; }
    }
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static uint8_t pattern(uint32_t call, uint32_t seq, int k) { return (uint8_t)(call * 7 + seq * 13 + k); }

/* ---------------------------------------------------------------- bridge mode */

struct stream { uint64_t received, corrupt; };

static int run_bridge(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: media-loadgen bridge PORTS_FILE CALLER_PORT AGENT_PORT SECONDS WARMUP [RELAY_PID]\n");
        return 2;
    }
    FILE *pf = fopen(argv[2], "r");
    if (!pf) { perror("ports file"); return 1; }
    int cap = 1024, calls = 0;
    int *callerTarget = malloc(cap * sizeof(int)), *agentTarget = malloc(cap * sizeof(int));
    int a, b;
    while (fscanf(pf, "%d %d", &a, &b) == 2) {
        if (calls == cap) {
            cap *= 2;
            callerTarget = realloc(callerTarget, cap * sizeof(int));
            agentTarget = realloc(agentTarget, cap * sizeof(int));
        }
        callerTarget[calls] = a;
        agentTarget[calls] = b;
        calls++;
    }
    fclose(pf);
    int callerFd = udp_socket(atoi(argv[3]));
    int agentFd = udp_socket(atoi(argv[4]));
    double seconds = atof(argv[5]), warmup = atof(argv[6]);
    int relayPid = argc > 7 ? atoi(argv[7]) : 0;

    struct stream *streams = calloc((size_t)calls * 2, sizeof *streams);
    uint8_t *out = malloc((size_t)BATCH * PACKET);
    struct mmsghdr *msgs = calloc(BATCH, sizeof *msgs);
    struct iovec *iov = calloc(BATCH, sizeof *iov);
    struct sockaddr_in *dst = calloc(BATCH, sizeof *dst);
    uint8_t *in = malloc((size_t)BATCH * 2048);
    struct mmsghdr *rmsgs = calloc(BATCH, sizeof *rmsgs);
    struct iovec *riov = calloc(BATCH, sizeof *riov);
    for (int i = 0; i < BATCH; i++) {
        riov[i].iov_base = in + (size_t)i * 2048;
        riov[i].iov_len = 2048;
        rmsgs[i].msg_hdr.msg_iov = &riov[i];
        rmsgs[i].msg_hdr.msg_iovlen = 1;
    }

    const int subticks = 4;
    int64_t start = now_ns(), frame_ns = 20000000LL;
    int64_t warm_frames = (int64_t)(warmup * 50), total_frames = warm_frames + (int64_t)(seconds * 50);
    uint32_t counted_from = (uint32_t)warm_frames;
    uint64_t sent_counted = 0, sent_errors = 0, stray = 0;
    double relay_cpu0 = 0, self_cpu0 = 0;
    int64_t counting_start = 0;

    for (int64_t frame = 0; frame < total_frames; frame++) {
        if (frame == warm_frames) {
            relay_cpu0 = process_cpu_seconds(relayPid);
            self_cpu0 = self_cpu_seconds();
            counting_start = now_ns();
        }
        for (int sub = 0; sub < subticks; sub++) {
            int64_t due = start + frame * frame_ns + sub * (frame_ns / subticks);
            /* Receive until this subtick is due. */
            for (;;) {
                int64_t wait = due - now_ns();
                struct pollfd p[2] = {{callerFd, POLLIN, 0}, {agentFd, POLLIN, 0}};
                int r = poll(p, 2, wait > 0 ? (int)((wait + 999999) / 1000000) : 0);
                if (r > 0) {
                    for (int s = 0; s < 2; s++) {
                        if (!(p[s].revents & POLLIN)) continue;
                        int n;
                        while ((n = recvmmsg(p[s].fd, rmsgs, BATCH, MSG_DONTWAIT, NULL)) > 0) {
                            for (int i = 0; i < n; i++) {
                                uint8_t *pk = in + (size_t)i * 2048;
                                unsigned len = rmsgs[i].msg_len;
                                if (len != PACKET) { stray++; continue; }
                                uint8_t *pl = pk + 12;
                                uint32_t call = ntohl(*(uint32_t *)pl), seq = ntohl(*(uint32_t *)(pl + 5));
                                uint8_t dir = pl[4];
                                /* A packet arriving at the agent socket came from a caller. */
                                if (call >= (uint32_t)calls || dir != (s == 1 ? 0 : 1)) { stray++; continue; }
                                int ok = 1;
                                for (int k = 9; k < PAYLOAD; k++)
                                    if (pl[k] != pattern(call, seq, k)) { ok = 0; break; }
                                struct stream *st = &streams[call * 2 + dir];
                                if (!ok) st->corrupt++;
                                else if (seq >= counted_from) st->received++;
                            }
                        }
                    }
                }
                if (now_ns() >= due) break;
            }
            /* Send this subtick's share of calls, both directions. */
            int first = calls * sub / subticks, last = calls * (sub + 1) / subticks;
            for (int dir = 0; dir < 2; dir++) {
                int fd = dir == 0 ? callerFd : agentFd;
                int *targets = dir == 0 ? callerTarget : agentTarget;
                for (int c = first; c < last;) {
                    int n = 0;
                    for (; n < BATCH && c < last; n++, c++) {
                        uint8_t *pk = out + (size_t)n * PACKET;
                        uint32_t seq = (uint32_t)frame;
                        pk[0] = 0x80;
                        pk[1] = 8;
                        *(uint16_t *)(pk + 2) = htons((uint16_t)seq);
                        *(uint32_t *)(pk + 4) = htonl(seq * 160);
                        *(uint32_t *)(pk + 8) = htonl((uint32_t)c * 2 + dir + 1);
                        uint8_t *pl = pk + 12;
                        *(uint32_t *)pl = htonl((uint32_t)c);
                        pl[4] = (uint8_t)dir;
                        *(uint32_t *)(pl + 5) = htonl(seq);
                        for (int k = 9; k < PAYLOAD; k++) pl[k] = pattern((uint32_t)c, seq, k);
                        dst[n].sin_family = AF_INET;
                        dst[n].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                        dst[n].sin_port = htons(targets[c]);
                        iov[n].iov_base = pk;
                        iov[n].iov_len = PACKET;
                        memset(&msgs[n].msg_hdr, 0, sizeof msgs[n].msg_hdr);
                        msgs[n].msg_hdr.msg_name = &dst[n];
                        msgs[n].msg_hdr.msg_namelen = sizeof dst[n];
                        msgs[n].msg_hdr.msg_iov = &iov[n];
                        msgs[n].msg_hdr.msg_iovlen = 1;
                    }
                    int done = 0;
                    while (done < n) {
                        int r = sendmmsg(fd, msgs + done, n - done, 0);
                        if (r < 0) {
                            if (errno == EAGAIN || errno == ENOBUFS) { sent_errors++; continue; }
                            perror("sendmmsg");
                            return 1;
                        }
                        done += r;
                    }
                    if (frame >= warm_frames) sent_counted += (uint64_t)n;
                }
            }
        }
    }
    double elapsed = (now_ns() - counting_start) / 1e9;
    double relay_cpu = process_cpu_seconds(relayPid) - relay_cpu0;
    double self_cpu = self_cpu_seconds() - self_cpu0;
    /* Drain what is still in flight. */
    int64_t drain_until = now_ns() + 500000000LL;
    while (now_ns() < drain_until) {
        struct pollfd p[2] = {{callerFd, POLLIN, 0}, {agentFd, POLLIN, 0}};
        if (poll(p, 2, 50) <= 0) continue;
        for (int s = 0; s < 2; s++) {
            int n;
            while ((n = recvmmsg(p[s].fd, rmsgs, BATCH, MSG_DONTWAIT, NULL)) > 0) {
                for (int i = 0; i < n; i++) {
                    uint8_t *pl = in + (size_t)i * 2048 + 12;
                    if (rmsgs[i].msg_len != PACKET) continue;
                    uint32_t call = ntohl(*(uint32_t *)pl), seq = ntohl(*(uint32_t *)(pl + 5));
                    uint8_t dir = pl[4];
                    if (call < (uint32_t)calls && dir < 2 && seq >= counted_from) streams[call * 2 + dir].received++;
                }
            }
        }
    }
    uint64_t received = 0, corrupt = 0, worst = 0;
    int silent = 0;
    uint64_t expected_per_stream = sent_counted / ((uint64_t)calls * 2);
    for (int i = 0; i < calls * 2; i++) {
        received += streams[i].received;
        corrupt += streams[i].corrupt;
        uint64_t lost = expected_per_stream > streams[i].received ? expected_per_stream - streams[i].received : 0;
        if (lost > worst) worst = lost;
        if (streams[i].received == 0) silent++;
    }
    uint64_t lost = sent_counted > received ? sent_counted - received : 0;
    printf("calls=%d seconds=%.1f sent=%llu received=%llu lost=%llu loss_pct=%.4f corrupt=%llu silent_streams=%d "
           "worst_stream_lost=%llu stray=%llu send_retries=%llu relay_cpu_pct=%.1f loadgen_cpu_pct=%.1f\n",
           calls, elapsed, (unsigned long long)sent_counted, (unsigned long long)received, (unsigned long long)lost,
           sent_counted ? 100.0 * lost / sent_counted : 0, (unsigned long long)corrupt, silent, (unsigned long long)worst,
           (unsigned long long)stray, (unsigned long long)sent_errors, 100.0 * relay_cpu / elapsed, 100.0 * self_cpu / elapsed);
    return 0;
}

/* ---------------------------------------------------------------- listen mode */

#define MAX_SSRC 65536
struct source { uint32_t ssrc; uint64_t packets; uint16_t last; int started; uint64_t gaps; };

static int run_listen(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: media-loadgen listen PORT SECONDS WARMUP [SERVER_PID]\n");
        return 2;
    }
    int fd = udp_socket(atoi(argv[2]));
    double seconds = atof(argv[3]), warmup = atof(argv[4]);
    int pid = argc > 5 ? atoi(argv[5]) : 0;
    struct source *table = calloc(MAX_SSRC, sizeof *table);
    uint8_t *in = malloc((size_t)BATCH * 2048);
    struct mmsghdr *rmsgs = calloc(BATCH, sizeof *rmsgs);
    struct iovec *riov = calloc(BATCH, sizeof *riov);
    for (int i = 0; i < BATCH; i++) {
        riov[i].iov_base = in + (size_t)i * 2048;
        riov[i].iov_len = 2048;
        rmsgs[i].msg_hdr.msg_iov = &riov[i];
        rmsgs[i].msg_hdr.msg_iovlen = 1;
    }
    int64_t start = now_ns(), counting = start + (int64_t)(warmup * 1e9), end = counting + (int64_t)(seconds * 1e9);
    int counting_started = 0;
    double cpu0 = 0;
    uint64_t packets = 0, gaps = 0, other = 0;
    int streams = 0;
    while (now_ns() < end) {
        if (!counting_started && now_ns() >= counting) {
            counting_started = 1;
            cpu0 = process_cpu_seconds(pid);
        }
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 20) <= 0) continue;
        int n;
        while ((n = recvmmsg(fd, rmsgs, BATCH, MSG_DONTWAIT, NULL)) > 0) {
            for (int i = 0; i < n; i++) {
                uint8_t *pk = in + (size_t)i * 2048;
                if (rmsgs[i].msg_len < 12) { other++; continue; }
                uint32_t ssrc = ntohl(*(uint32_t *)(pk + 8));
                uint16_t seq = ntohs(*(uint16_t *)(pk + 2));
                uint32_t h = ssrc % MAX_SSRC;
                while (table[h].started && table[h].ssrc != ssrc) h = (h + 1) % MAX_SSRC;
                struct source *s = &table[h];
                if (!s->started) { s->started = 1; s->ssrc = ssrc; s->last = seq - 1; streams++; }
                if (counting_started) {
                    if ((uint16_t)(seq - s->last) != 1) { gaps++; s->gaps++; }
                    s->packets++;
                    packets++;
                }
                s->last = seq;
            }
        }
    }
    double cpu = process_cpu_seconds(pid) - cpu0;
    printf("streams=%d seconds=%.1f packets=%llu expected=%.0f gaps=%llu other=%llu server_cpu_pct=%.1f\n", streams, seconds,
           (unsigned long long)packets, streams * 50.0 * seconds, (unsigned long long)gaps, (unsigned long long)other,
           100.0 * cpu / seconds);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "bridge") == 0) return run_bridge(argc, argv);
    if (argc > 1 && strcmp(argv[1], "listen") == 0) return run_listen(argc, argv);
    fprintf(stderr, "usage: media-loadgen bridge|listen ...\n");
    return 2;
}
