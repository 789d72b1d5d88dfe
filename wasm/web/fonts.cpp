// fonts.cpp: the font atlas of the browser platform (backend.h): the page's font, the fallback files
// fetched when shown text needs them, the heading font, placeholders for characters no file has, and
// the atlas upload.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8
#include <backends/imgui_impl_opengl3.h>
// stb_truetype's cmap lookup (which font file has a character), a private copy: imgui_draw.cpp keeps
// its own static one.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <vector>

#include "core/model/words.h"
#include "ui/app.h"  // HeadingCodepoints
#include "ui/i18n.h"
#include "ui/labels.h"
#include "web/backend_state.h"
#include "web/gl_state_shadow.h"  // before any GL call: glTexImage2D and friends go through it

// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
// Fetches a fallback font file (fonts/qd-cjk-x<chunk>.otf, same origin; the service worker caches it;
// chunk 7, kRestOfFontChunk, is fonts/qd-cjk.otf, the rest of the page's font)
// and hands its bytes to qd_font_chunk_loaded; size 0 when it cannot be had (the standalone file
// carries no fallback fonts and cannot fetch from file://: its placeholders stay).
EM_JS(void, qd_js_fetch_font_chunk, (int chunk), {
    const give = (bytes) => {
        const p = bytes.length ? _malloc(bytes.length) : 0;
        if (p) HEAPU8.set(bytes, p);
        _qd_font_chunk_loaded(chunk, p, bytes.length);
        if (p) _free(p);
    };
    if (location.protocol === "file:" || document.getElementById("qd-wasm")) { give(new Uint8Array(0)); return; }
    fetch(chunk === 7 ? "fonts/qd-cjk.otf" : "fonts/qd-cjk-x" + chunk + ".otf")
        .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
        .then((b) => give(new Uint8Array(b)),
              (e) => { console.warn("QuoteDesk: fallback font " + chunk + " not loaded:", e); give(new Uint8Array(0)); });
});  // clang-format on

namespace qd::web {
namespace {

constexpr float kFontPx = 15.0f;     // body text, CSS pixels
constexpr float kHeadingPx = 20.0f;  // page titles, CSS pixels

// The fallback fonts (tools/font/subset.py FALLBACK_CHUNKS has the same table): the rest of Noto
// Sans CJK SC beyond the page's font, in files of about 1 MB gzip split by code point. 0: not worth
// a fetch (symbols, dingbats, emoji: the face has few of them, so the character gets its box at once).
constexpr int kFallbackChunks = 6;
int FallbackChunkOf(unsigned int c)
{
    const auto in = [c](unsigned int lo, unsigned int hi) { return c >= lo && c <= hi; };
    if (in(0x4E00, 0x66FF)) return 1;  // CJK Unified Ideographs beyond GB 2312 (U+5C0D)
    if (in(0x6700, 0x7FFF)) return 2;
    if (in(0x8000, 0x9FFF)) return 3;  // (U+8AAC, U+9F98)
    if (in(0x1100, 0x11FF) || in(0x3130, 0x318F) || in(0xA960, 0xA97F) || in(0xAC00, 0xD7FF)) return 6;  // hangul
    if (in(0x20000, 0x3FFFF) || in(0x1F200, 0x1F2FF)) return 5;  // Ext B-G (U+20BB7), enclosed ideographs
    if (in(0x3400, 0x4DBF) || in(0xF900, 0xFAFF) || in(0x2E80, 0x2FFF) || in(0x3040, 0x33FF) || in(0xFE10, 0xFE1F) ||
        in(0xFE30, 0xFE4F) || in(0x0100, 0x024F) || in(0x0370, 0x052F) || in(0x1E00, 0x1EFF))
        return 4;  // Ext A (U+4DAE), compatibility ideographs, radicals, kana, bopomofo, Latin/Greek/Cyrillic
    return 0;
}

// One font file: its bytes (kept for every atlas rebuild) and its cmap.
struct FontFile {
    enum class Status { Absent, Loading, Loaded, Failed };
    Status status = Status::Absent;
    std::vector<uint8_t> bytes;
    stbtt_fontinfo info{};
    bool Has(unsigned int c) const
    {
        return status == Status::Loaded && stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0;
    }
    bool Set(const uint8_t* data, size_t size)
    {
        bytes.assign(data, data + size);
        const int offset = size ? stbtt_GetFontOffsetForIndex(bytes.data(), 0) : -1;
        status = offset >= 0 && stbtt_InitFont(&info, bytes.data(), offset) ? Status::Loaded : Status::Failed;
        if (status == Status::Failed) bytes.clear();
        return status == Status::Loaded;
    }
};

struct Fonts {
    FontFile font;                            // the page's font (the sources' characters; standalone: + GB 2312)
    FontFile fallback[kRestOfFontChunk + 1];  // [1..6], fetched when shown text needs them; [7] after the first frame
    std::set<unsigned int> codepoints;        // every character the body font must hold
    // The characters of the Basic Multilingual Plane already in `codepoints`: opening 100,000 resources
    // hands AddCodepoints millions of characters of a few thousand kinds, and a bit says "already
    // there" where the set walked its tree for each (docs/performance.md "The page around the open").
    std::vector<bool> inBmp = std::vector<bool>(0x10000);
    int printableAsciiIn = 0;      // of the 95 characters 0x20..0x7e, how many inBmp has (all after AddUiCodepoints)
    std::size_t headingChars = 0;  // ui::HeadingCodepoints().size() the atlas was built with
    ImVector<ImWchar> ranges[kRestOfFontChunk + 1];  // per file; must outlive the atlas build
    ImVector<ImWchar> headingRanges;
    GLuint fontTexture = 0;  // the atlas on the GPU (UploadAtlas)
} f;                         // the font state (g, backend_state.h, is the frames')

// Glyph ranges (pairs, zero-terminated) from an ascending list of code points.
void ToRanges(const std::vector<unsigned int>& sorted, ImVector<ImWchar>& out)
{
    out.clear();
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
        out.push_back(static_cast<ImWchar>(sorted[i]));
        out.push_back(static_cast<ImWchar>(sorted[j]));
        i = j + 1;
    }
    out.push_back(0);
}

// A character no loaded font has (yet) gets an empty box: while its fallback file is on its way, and
// for good when no file has it. Drawn into the atlas after the build.
void DrawPlaceholders(ImFontAtlas& atlas, const std::vector<int>& rectIds)
{
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &texW, &texH);
    if (!pixels) return;
    const int line = std::max(1, static_cast<int>(std::lround(g.dpr)));
    for (int id : rectIds) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id);
        if (!r->IsPacked()) continue;
        for (int y = 0; y < r->Height; ++y)
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x < line || y < line || x >= r->Width - line || y >= r->Height - line;
                pixels[(r->Y + y) * texW + r->X + x] = edge ? 0xA0 : 0x00;
            }
    }
}

// The heading font lacks the characters of text drawn in it without being registered as heading text
// (ui::NoteHeadingText): it borrows the body font's glyphs for them, scaled up (same face, so the
// same metrics times the size ratio). Softer than its own raster, but never a '?'.
void LendBodyGlyphs(const ImFont& body, ImFont& heading)
{
    const float r = heading.FontSize / body.FontSize;
    for (const ImFontGlyph& gl : body.Glyphs) {
        const ImWchar c = static_cast<ImWchar>(gl.Codepoint);
        if (heading.FindGlyphNoFallback(c)) continue;
        heading.AddGlyph(nullptr, c, gl.X0 * r, gl.Y0 * r, gl.X1 * r, gl.Y1 * r, gl.U0, gl.V0, gl.U1, gl.V1,
                         std::round(gl.AdvanceX * r));
    }
    heading.BuildLookupTable();
}

// The atlas as a LUMINANCE_ALPHA texture (white, coverage in alpha): what ImGui's shader expects of its
// RGBA32 texture at half the bytes to copy and upload (WebGL2 has no texture swizzle for an R8 one).
// The atlas is built in Alpha8, so this skips its RGBA32 conversion too.
void UploadAtlas(ImFontAtlas& atlas)
{
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    std::vector<unsigned char> la(static_cast<size_t>(w) * h * 2);
    for (size_t i = 0, n = static_cast<size_t>(w) * h; i < n; ++i) {
        la[2 * i] = 0xFF;
        la[2 * i + 1] = alpha[i];
    }
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    if (f.fontTexture) glDeleteTextures(1, &f.fontTexture);
    glGenTextures(1, &f.fontTexture);
    glBindTexture(GL_TEXTURE_2D, f.fontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, w, h, 0, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, la.data());
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(f.fontTexture)));
    atlas.ClearTexData();  // the CPU copy is not needed after the upload (placeholders are drawn before)
}

}  // namespace

void RebuildFonts()
{
    const double t0 = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // WebGL2 takes any height: no rows of nothing to upload
    g.stats.fallbackGlyphs = g.stats.restGlyphs = g.stats.placeholders = 0;

    if (f.font.status == FontFile::Status::Loaded) {
        // Which file draws each character: the page's font first, then its fallback chunk.
        std::vector<unsigned int> per[kRestOfFontChunk + 1], heading, missing;
        FontFile& rest = f.fallback[kRestOfFontChunk];
        for (unsigned int c : f.codepoints) {
            if (f.font.Has(c)) {
                per[0].push_back(c);
                continue;
            }
            // The rest of the page's font first (GB 2312: most characters of any data), then the chunk.
            if (rest.status == FontFile::Status::Absent) FetchRestOfFont();
            if (rest.status == FontFile::Status::Loading) {
                missing.push_back(c);
                continue;
            }
            if (rest.Has(c)) {
                per[kRestOfFontChunk].push_back(c);
                continue;
            }
            const int k = FallbackChunkOf(c);
            if (k == 0) {
                missing.push_back(c);
                continue;
            }
            FontFile& file = f.fallback[k];
            if (file.status == FontFile::Status::Absent) {
                file.status = FontFile::Status::Loading;
                qd_js_fetch_font_chunk(k);
            }
            if (file.Has(c)) per[k].push_back(c);
            else missing.push_back(c);
        }
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // the FontFiles keep the bytes for every rebuild
        cfg.OversampleH = 1;               // CJK: the atlas stays small; device-pixel raster is crisp anyway
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        const float bodyPx = std::round(kFontPx * static_cast<float>(g.dpr));
        ToRanges(per[0], f.ranges[0]);
        ImFont* body = io.Fonts->AddFontFromMemoryTTF(f.font.bytes.data(), static_cast<int>(f.font.bytes.size()),
                                                      bodyPx, &cfg, f.ranges[0].Data);
        for (int k = 1; k <= kRestOfFontChunk; ++k) {
            if (per[k].empty()) continue;
            ToRanges(per[k], f.ranges[k]);
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(f.fallback[k].bytes.data(), static_cast<int>(f.fallback[k].bytes.size()),
                                           bodyPx, &merge, f.ranges[k].Data);
            (k == kRestOfFontChunk ? g.stats.restGlyphs : g.stats.fallbackGlyphs) += static_cast<int>(per[k].size());
        }
        // Headings (page titles, totals, big numbers) hold only the characters of heading text
        // (ui::HeadingCodepoints, about 150 instead of every UI string's 600: most of the raster work).
        f.headingChars = ui::HeadingCodepoints().size();
        for (unsigned int c : ui::HeadingCodepoints())
            if (f.font.Has(c)) heading.push_back(c);
        ToRanges(heading, f.headingRanges);
        io.Fonts->AddFontFromMemoryTTF(f.font.bytes.data(), static_cast<int>(f.font.bytes.size()),
                                       std::round(kHeadingPx * static_cast<float>(g.dpr)), &cfg, f.headingRanges.Data);
        std::vector<int> boxes;
        const auto px = [&](float em) { return static_cast<int>(std::lround(bodyPx * em)); };
        for (unsigned int c : missing)
            boxes.push_back(
                io.Fonts->AddCustomRectFontGlyph(body, static_cast<ImWchar>(c), px(0.8f), px(0.8f), bodyPx,
                                                 ImVec2(static_cast<float>(px(0.1f)), static_cast<float>(px(0.14f)))));
        g.stats.placeholders = static_cast<int>(missing.size());
        io.Fonts->Build();
        DrawPlaceholders(*io.Fonts, boxes);
        g.stats.headingGlyphs = io.Fonts->Fonts[1]->Glyphs.Size;
        LendBodyGlyphs(*io.Fonts->Fonts[0], *io.Fonts->Fonts[1]);
    } else {
        ImFontConfig cfg;
        cfg.SizePixels = std::round(13.0f * static_cast<float>(g.dpr));
        io.Fonts->AddFontDefault(&cfg);
    }
    if (!io.Fonts->IsBuilt()) io.Fonts->Build();
    const double t1 = emscripten_get_now();
    UploadAtlas(*io.Fonts);
    g.stats.glyphs = io.Fonts->Fonts.Size ? io.Fonts->Fonts[0]->Glyphs.Size : 0;
    if (io.Fonts->Fonts.Size < 2) g.stats.headingGlyphs = 0;
    g.stats.lastFontUploadMs = emscripten_get_now() - t1;
    int loading = 0, loaded = 0, failed = 0;
    for (int k = 1; k <= kFallbackChunks; ++k) {
        loading += f.fallback[k].status == FontFile::Status::Loading;
        loaded += f.fallback[k].status == FontFile::Status::Loaded;
        failed += f.fallback[k].status == FontFile::Status::Failed;
    }
    g.stats.fallbackLoading = loading;
    g.stats.fallbackLoaded = loaded;
    g.stats.fallbackFailed = failed;
    static const char* const kStatusNames[] = {"absent", "loading", "loaded", "failed"};
    g.stats.restFont = kStatusNames[static_cast<int>(f.fallback[kRestOfFontChunk].status)];
    g.stats.atlasWidth = io.Fonts->TexWidth;
    g.stats.atlasHeight = io.Fonts->TexHeight;
    g.fontsDirty = false;
    g.stats.lastFontBuildMs = emscripten_get_now() - t0;
}

namespace {

// A character of shown text: into the set the atlas is built from, unless it is there already.
inline void AddCodepoint(unsigned int c)
{
    if (c < 0x20 || c > IM_UNICODE_CODEPOINT_MAX || c == IM_UNICODE_CODEPOINT_INVALID) return;
    if (c < 0x10000) {
        if (f.inBmp[c]) return;
        f.inBmp[c] = true;
        if (c < 0x7f) ++f.printableAsciiIn;
    }
    if (f.codepoints.insert(c).second) g.fontsDirty = true;
}

// The words below are read little-endian (wasm is): the first byte of the text is the lowest.
static_assert(std::endian::native == std::endian::little);
constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t kLowBits = 0x0101010101010101ull;

// Whether one of the 8 bytes of `word` (each < 0x80) is 0x7f, DEL, the one ASCII character above the
// control characters that is not printable ASCII (the classic test for a zero byte, on word ^ 0x7f..).
inline bool HasDel(uint64_t word)
{
    const uint64_t x = word ^ (0x7f * kLowBits);
    return ((x - kLowBits) & ~x & kHighBits) != 0;
}

}  // namespace

// Opening 100,000 resources hands this millions of characters, most of them ASCII that the UI's own
// strings put in long ago (docs/performance.md "Where the remaining time goes"): once every printable
// ASCII character is in, 8 ASCII bytes are skipped at a time (a control character adds nothing; DEL is
// looked at), and a well-formed 3-byte sequence (the CJK of names) is decoded here rather than by
// ImTextCharFromUtf8, which takes every other byte as it did: the same characters are added.
void AddCodepoints(std::string_view utf8)
{
    const char* p = utf8.data();
    const char* const end = p + utf8.size();
    const bool skipAscii = f.printableAsciiIn == 95;
    const bool delIn = f.inBmp[0x7f];
    while (p < end) {
        if (skipAscii) {
            while (end - p >= 8) {
                const uint64_t word = LoadWord8(p);
                if (!delIn && HasDel(word)) break;  // byte by byte: DEL may be new
                const uint64_t high = word & kHighBits;
                if (high == 0) {
                    p += 8;
                    continue;
                }
                p += std::countr_zero(high) / 8;  // the ASCII bytes before the first multi-byte character
                break;
            }
            // fewer than 8 left: the text's last 8 bytes, overlapping some already read, when it has 8
            if (end - p < 8 && utf8.size() >= 8) {
                const uint64_t word = LoadWord8(end - 8);
                if ((word & kHighBits) == 0 && (delIn || !HasDel(word))) break;
            }
            if (p == end) break;
        }
        unsigned int c = static_cast<unsigned char>(*p);
        if (c < 0x80) {  // ASCII, most of the ids and codes of a workspace: no decoding
            ++p;
        } else if ((c & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
                   (c = ((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)) >= 0x800 &&
                   (c >> 11) != 0x1b) {  // U+0800..U+FFFF but the surrogates: what ImTextCharFromUtf8 gives
            p += 3;
        } else {
            c = static_cast<unsigned char>(*p);
            const int n = ImTextCharFromUtf8(&c, p, end);
            if (n <= 0) break;
            p += n;
        }
        AddCodepoint(c);
    }
}

void AddCodepoints(const char* utf8) { AddCodepoints(std::string_view(utf8)); }

void AddCharacters(const CharacterSet& characters)
{
    characters.forEach([](char32_t c) { AddCodepoint(static_cast<unsigned int>(c)); });
    if (g.fontsDirty) RequestFrames();
}

DisplayTextScan::~DisplayTextScan()
{
    if (g.fontsDirty) RequestFrames();
}

void DisplayTextScan::add(std::string_view utf8)
{
    if (utf8.empty()) return;
    // A few slots by length and first and last byte: a service name or a region met again lands on the
    // slot it left, and an exact comparison says it is the same text.
    const std::size_t slot =
        (utf8.size() * 7 + static_cast<unsigned char>(utf8.front()) * 3 + static_cast<unsigned char>(utf8.back())) %
        recent_.size();
    if (recent_[slot] == utf8) return;
    recent_[slot] = utf8;
    AddCodepoints(utf8);
}

void DisplayTextScan::addUnique(std::string_view utf8) { AddCodepoints(utf8); }

void AddUiCodepoints()
{
    // Every character the UI can show, in both languages, plus printable ASCII.
    for (char c = 0x20; c < 0x7f; ++c) {
        char s[2] = {c, 0};
        AddCodepoints(s);
    }
    // Only characters the first frame's font holds (tools/font/subset.py ui_base_chars): one it lacks
    // fetches the rest of the font at once, during the first frame (✓ and ✗ did, and no UI text uses them).
    AddCodepoints("¥…—·×÷①②③④⑤⑥⑦→←↑↓（）【】《》“”‘’、。，：；！？");
    ui::ForEachUiString([](const char* s, void*) { AddCodepoints(s); }, nullptr);
    ui::ForEachLabelString([](const char* s, void*) { AddCodepoints(s); }, nullptr);
}

bool HeadingFontStale()
{
    return f.font.status == FontFile::Status::Loaded && ui::HeadingCodepoints().size() != f.headingChars;
}

void SetFontData(const uint8_t* data, size_t size)
{
    if (!f.font.Set(data, size)) std::fprintf(stderr, "QuoteDesk: the font file is not a font (%zu bytes)\n", size);
    g.fontsDirty = true;
    RequestFrames();
}

void SetFallbackFontData(int chunk, const uint8_t* data, size_t size)
{
    if (chunk < 1 || chunk > kRestOfFontChunk) return;
    f.fallback[chunk].Set(data, size);  // size 0: not available, its characters keep their boxes
    // The rest of the page's font comes after the first frame whether needed or not: the atlas is
    // built again only when a character waits for it (a box now).
    if (chunk != kRestOfFontChunk || g.stats.placeholders > 0) g.fontsDirty = true;
    if (chunk == kRestOfFontChunk)
        g.stats.restFont = f.fallback[chunk].status == FontFile::Status::Loaded ? "loaded" : "failed";
    RequestFrames();
}

void FetchRestOfFont()
{
    FontFile& rest = f.fallback[kRestOfFontChunk];
    if (rest.status != FontFile::Status::Absent) return;
    rest.status = FontFile::Status::Loading;
    g.stats.restFont = "loading";
    qd_js_fetch_font_chunk(kRestOfFontChunk);
}

void AddDisplayText(std::string_view utf8)
{
    AddCodepoints(utf8);
    if (g.fontsDirty) RequestFrames();
}

}  // namespace qd::web

extern "C" {

// A fallback font file fetched by qd_js_fetch_font_chunk (size 0: it could not be had).
EMSCRIPTEN_KEEPALIVE void qd_font_chunk_loaded(int chunk, const uint8_t* data, int size)
{
    qd::web::SetFallbackFontData(chunk, data, static_cast<size_t>(std::max(0, size)));
}

// The page's first frame is on screen: the rest of the page's font may come now (backend.h).
EMSCRIPTEN_KEEPALIVE void qd_fonts_after_first_frame() { qd::web::FetchRestOfFont(); }

}  // extern "C"
