#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: this binds a copy of the text. */
static inline int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/* sqlite3_db_config is variadic, which Swift cannot call. On (1) before a VACUUM, it empties the
   database file, even a damaged one; off (0) after it. */
static inline int csqlite_reset_database(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_RESET_DATABASE, on, (int *)0);
}

/* ---------------------------------------------------------------------------------------------
   parley_rank(message_text, K): FTS5's bm25() with user text counting double, computed so that
   a search for a word found in most messages stays fast.

   bm25 needs each matching row's length in tokens, and FTS5 reads it with one lookup in its
   docsize table per row: for a word in 200,000 messages that lookup is nearly all of a search.
   Only the K best rows are shown, so a row is given its exact score only when it could still
   be among them: its score can be no better than it would be at the shortest length that holds
   its matches, and when even that bound is worse than the K-th best exact score seen so far the
   row cannot be in the K best, so it gets 1.0 (every exact score is below 0) without the lookup.
   The K best therefore come out exactly as with bm25(message_text) * (1 + (rowid & 1)).

   Without fts5.h in Debian's libsqlite3-dev, the leading part of FTS5's extension API that is
   used here is declared below, in the layout of fts5.h (stable since SQLite 3.9). */

typedef struct csqlite_fts5_context csqlite_fts5_context;
typedef struct csqlite_fts5_extension_api csqlite_fts5_extension_api;

struct csqlite_fts5_extension_api {
    int iVersion;
    void *(*xUserData)(csqlite_fts5_context *);
    int (*xColumnCount)(csqlite_fts5_context *);
    int (*xRowCount)(csqlite_fts5_context *, sqlite3_int64 *);
    int (*xColumnTotalSize)(csqlite_fts5_context *, int, sqlite3_int64 *);
    int (*xTokenize)(csqlite_fts5_context *, const char *, int, void *, int (*)(void *, int, const char *, int, int, int));
    int (*xPhraseCount)(csqlite_fts5_context *);
    int (*xPhraseSize)(csqlite_fts5_context *, int);
    int (*xInstCount)(csqlite_fts5_context *, int *);
    int (*xInst)(csqlite_fts5_context *, int, int *, int *, int *);
    sqlite3_int64 (*xRowid)(csqlite_fts5_context *);
    int (*xColumnText)(csqlite_fts5_context *, int, const char **, int *);
    int (*xColumnSize)(csqlite_fts5_context *, int, int *);
    int (*xQueryPhrase)(csqlite_fts5_context *, int, void *,
        int (*)(const csqlite_fts5_extension_api *, csqlite_fts5_context *, void *));
    int (*xSetAuxdata)(csqlite_fts5_context *, void *, void (*)(void *));
    void *(*xGetAuxdata)(csqlite_fts5_context *, int);
};

typedef void (*csqlite_fts5_function)(
    const csqlite_fts5_extension_api *, csqlite_fts5_context *, sqlite3_context *, int, sqlite3_value **);

typedef struct {
    int iVersion;
    void *xCreateTokenizer;
    void *xFindTokenizer;
    int (*xCreateFunction)(void *api, const char *name, void *context, csqlite_fts5_function function,
        void (*destroy)(void *));
} csqlite_fts5_api;

/* What one search keeps between rows: the phrases' weights and the K best scores so far. */
typedef struct {
    int phrases;
    double averageLength;
    double *idf;
    double *frequency;
    int capacity;        /* K, or 0 when every row gets its exact score */
    int count;
    double *best;        /* a max-heap of the K best (lowest) scores: best[0] is the K-th */
    sqlite3_int64 lastRowid;
    double lastScore;
    int scoredAny;
} csqlite_rank_state;

static inline void csqlite_rank_free(void *pointer) {
    csqlite_rank_state *state = (csqlite_rank_state *)pointer;
    if (!state) return;
    free(state->idf);
    free(state->frequency);
    free(state->best);
    free(state);
}

static inline int csqlite_rank_count_row(const csqlite_fts5_extension_api *api, csqlite_fts5_context *fts, void *hits) {
    (void)api;
    (void)fts;
    *(sqlite3_int64 *)hits += 1;
    return SQLITE_OK;
}

/* bm25's score (positive, higher is better) at a row length of `length` tokens, computed in the
   same order as FTS5's bm25 so that the two agree to the last bit. */
static inline double csqlite_rank_score(const csqlite_rank_state *state, double length) {
    const double k1 = 1.2, b = 0.75;
    double score = 0;
    for (int phrase = 0; phrase < state->phrases; phrase++) {
        double f = state->frequency[phrase];
        if (f > 0) score += state->idf[phrase] * ((f * (k1 + 1)) / (f + k1 * (1 - b + b * length / state->averageLength)));
    }
    return score;
}

static inline csqlite_rank_state *csqlite_rank_start(
    const csqlite_fts5_extension_api *api, csqlite_fts5_context *fts, int capacity, int *status) {
    csqlite_rank_state *state = (csqlite_rank_state *)calloc(1, sizeof(csqlite_rank_state));
    if (!state) { *status = SQLITE_NOMEM; return 0; }
    state->phrases = api->xPhraseCount(fts);
    state->capacity = capacity;
    state->idf = (double *)calloc((size_t)state->phrases + 1, sizeof(double));
    state->frequency = (double *)calloc((size_t)state->phrases + 1, sizeof(double));
    state->best = (double *)calloc((size_t)capacity + 1, sizeof(double));
    if (!state->idf || !state->frequency || !state->best) {
        csqlite_rank_free(state);
        *status = SQLITE_NOMEM;
        return 0;
    }
    sqlite3_int64 rows = 0, tokens = 0;
    *status = api->xRowCount(fts, &rows);
    if (*status == SQLITE_OK) *status = api->xColumnTotalSize(fts, -1, &tokens);
    state->averageLength = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    for (int phrase = 0; *status == SQLITE_OK && phrase < state->phrases; phrase++) {
        sqlite3_int64 hits = 0;
        *status = api->xQueryPhrase(fts, phrase, &hits, csqlite_rank_count_row);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        state->idf[phrase] = idf <= 0 ? 1e-6 : idf;  /* as bm25: a word in most rows still counts a little */
    }
    if (*status == SQLITE_OK) *status = api->xSetAuxdata(fts, state, csqlite_rank_free);
    else csqlite_rank_free(state);
    return *status == SQLITE_OK ? state : 0;
}

/* Keeps `score` if it is among the K best so far. */
static inline void csqlite_rank_keep(csqlite_rank_state *state, double score) {
    double *heap = state->best;
    int at;
    if (state->count < state->capacity) {
        at = state->count++;
        while (at > 0 && heap[(at - 1) / 2] < score) { heap[at] = heap[(at - 1) / 2]; at = (at - 1) / 2; }
        heap[at] = score;
        return;
    }
    if (score >= heap[0]) return;
    at = 0;
    for (;;) {
        int child = 2 * at + 1;
        if (child >= state->count) break;
        if (child + 1 < state->count && heap[child + 1] > heap[child]) child++;
        if (heap[child] <= score) break;
        heap[at] = heap[child];
        at = child;
    }
    heap[at] = score;
}

static inline void csqlite_rank(const csqlite_fts5_extension_api *api, csqlite_fts5_context *fts,
    sqlite3_context *context, int count, sqlite3_value **values) {
    int status = SQLITE_OK;
    csqlite_rank_state *state = (csqlite_rank_state *)api->xGetAuxdata(fts, 0);
    if (!state) {
        sqlite3_int64 limit = count > 0 ? sqlite3_value_int64(values[0]) : 0;
        /* Past 10,000 wanted rows the bound saves little: every row gets its exact score. */
        state = csqlite_rank_start(api, fts, limit > 0 && limit <= 10000 ? (int)limit : 0, &status);
        if (!state) { sqlite3_result_error_code(context, status); return; }
    }
    sqlite3_int64 rowid = api->xRowid(fts);
    /* The same row asked for twice must not take two places among the K best. */
    if (state->scoredAny && rowid == state->lastRowid) { sqlite3_result_double(context, state->lastScore); return; }
    int instances = 0;
    status = api->xInstCount(fts, &instances);
    if (status != SQLITE_OK) { sqlite3_result_error_code(context, status); return; }
    memset(state->frequency, 0, sizeof(double) * (size_t)state->phrases);
    double most = 1;
    for (int index = 0; index < instances; index++) {
        int phrase = 0, column = 0, offset = 0;
        status = api->xInst(fts, index, &phrase, &column, &offset);
        if (status != SQLITE_OK) { sqlite3_result_error_code(context, status); return; }
        if (phrase >= 0 && phrase < state->phrases) {
            state->frequency[phrase] += 1;
            if (state->frequency[phrase] > most) most = state->frequency[phrase];
        }
    }
    double weight = (rowid & 1) ? 2.0 : 1.0;  /* user text (odd ids) counts double */
    double result;
    /* A row holding `most` matches of one phrase is at least `most` tokens long. */
    double bound = -csqlite_rank_score(state, most) * weight;
    if (state->capacity > 0 && state->count == state->capacity
        && bound > state->best[0] + 1e-9 * fabs(state->best[0])) {
        result = 1.0;
    } else {
        int length = 0;
        status = api->xColumnSize(fts, -1, &length);
        if (status != SQLITE_OK) { sqlite3_result_error_code(context, status); return; }
        result = -csqlite_rank_score(state, (double)length) * weight;
        if (state->capacity > 0) csqlite_rank_keep(state, result);
    }
    state->scoredAny = 1;
    state->lastRowid = rowid;
    state->lastScore = result;
    sqlite3_result_double(context, result);
}

/* Registers parley_rank with the connection's FTS5; SQLITE_ERROR when the library has no FTS5. */
static inline int csqlite_register_rank(sqlite3 *db) {
    csqlite_fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    int status = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (status != SQLITE_OK) return status;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    return api->xCreateFunction(api, "parley_rank", 0, csqlite_rank, 0);
}
