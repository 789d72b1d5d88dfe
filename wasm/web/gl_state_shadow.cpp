#define QD_GL_STATE_SHADOW_IMPL  // the real GL calls here, not the renames
#include "web/gl_state_shadow.h"

#include <cstring>
#include <string>

#include "core/model/json_writer.h"

namespace qd::web {
namespace {

// One shadowed query: its GL name, its values, and whether they are known.
struct Shadowed {
    GLenum pname;
    const char* name;
    int count;
    GLint value[4];
    bool known;
};

Shadowed g_state[] = {
    {GL_VIEWPORT, "GL_VIEWPORT", 4, {}, false},
    {GL_SCISSOR_BOX, "GL_SCISSOR_BOX", 4, {}, false},
    {GL_BLEND_SRC_RGB, "GL_BLEND_SRC_RGB", 1, {}, false},
    {GL_BLEND_DST_RGB, "GL_BLEND_DST_RGB", 1, {}, false},
    {GL_BLEND_SRC_ALPHA, "GL_BLEND_SRC_ALPHA", 1, {}, false},
    {GL_BLEND_DST_ALPHA, "GL_BLEND_DST_ALPHA", 1, {}, false},
    {GL_BLEND_EQUATION_RGB, "GL_BLEND_EQUATION_RGB", 1, {}, false},
    {GL_BLEND_EQUATION_ALPHA, "GL_BLEND_EQUATION_ALPHA", 1, {}, false},
};

Shadowed* Find(GLenum pname)
{
    for (Shadowed& s : g_state)
        if (s.pname == pname) return &s;
    return nullptr;
}

void Remember(GLenum pname, GLint a, GLint b = 0, GLint c = 0, GLint d = 0)
{
    Shadowed* s = Find(pname);
    s->value[0] = a;
    s->value[1] = b;
    s->value[2] = c;
    s->value[3] = d;
    s->known = true;
}

}  // namespace

void ShadowNewContext()
{
    for (Shadowed& s : g_state) s.known = false;
    Remember(GL_BLEND_SRC_RGB, GL_ONE);
    Remember(GL_BLEND_SRC_ALPHA, GL_ONE);
    Remember(GL_BLEND_DST_RGB, GL_ZERO);
    Remember(GL_BLEND_DST_ALPHA, GL_ZERO);
    Remember(GL_BLEND_EQUATION_RGB, GL_FUNC_ADD);
    Remember(GL_BLEND_EQUATION_ALPHA, GL_FUNC_ADD);
}

std::string ShadowCheckJson()
{
    const auto list = [](const GLint* v, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += (i ? "," : "") + std::to_string(v[i]);
        return out;
    };
    int checked = 0;
    JsonWriter w;
    w.beginObject();
    w.key("mismatches");
    w.beginArray();
    for (const Shadowed& s : g_state) {
        if (!s.known) continue;
        GLint real[4] = {};
        glGetIntegerv(s.pname, real);
        ++checked;
        if (std::memcmp(real, s.value, sizeof(GLint) * static_cast<size_t>(s.count)) != 0)
            w.string(std::string(s.name) + ": kept " + list(s.value, s.count) + ", WebGL " + list(real, s.count));
    }
    w.endArray();
    w.member("checked", checked);
    w.endObject();
    return w.take();
}

}  // namespace qd::web

using qd::web::Remember;

extern "C" {

void qd_glGetIntegerv(GLenum pname, GLint* data)
{
    qd::web::Shadowed* s = qd::web::Find(pname);
    if (!s) {
        glGetIntegerv(pname, data);
        return;
    }
    if (!s->known) {
        glGetIntegerv(pname, s->value);
        s->known = true;
    }
    std::memcpy(data, s->value, sizeof(GLint) * static_cast<size_t>(s->count));
}

void qd_glViewport(GLint x, GLint y, GLsizei width, GLsizei height)
{
    glViewport(x, y, width, height);
    Remember(GL_VIEWPORT, x, y, width, height);
}

void qd_glScissor(GLint x, GLint y, GLsizei width, GLsizei height)
{
    glScissor(x, y, width, height);
    Remember(GL_SCISSOR_BOX, x, y, width, height);
}

void qd_glBlendEquation(GLenum mode) { qd_glBlendEquationSeparate(mode, mode); }

void qd_glBlendEquationSeparate(GLenum modeRGB, GLenum modeAlpha)
{
    glBlendEquationSeparate(modeRGB, modeAlpha);
    Remember(GL_BLEND_EQUATION_RGB, static_cast<GLint>(modeRGB));
    Remember(GL_BLEND_EQUATION_ALPHA, static_cast<GLint>(modeAlpha));
}

void qd_glBlendFunc(GLenum sfactor, GLenum dfactor) { qd_glBlendFuncSeparate(sfactor, dfactor, sfactor, dfactor); }

void qd_glBlendFuncSeparate(GLenum srcRGB, GLenum dstRGB, GLenum srcAlpha, GLenum dstAlpha)
{
    glBlendFuncSeparate(srcRGB, dstRGB, srcAlpha, dstAlpha);
    Remember(GL_BLEND_SRC_RGB, static_cast<GLint>(srcRGB));
    Remember(GL_BLEND_DST_RGB, static_cast<GLint>(dstRGB));
    Remember(GL_BLEND_SRC_ALPHA, static_cast<GLint>(srcAlpha));
    Remember(GL_BLEND_DST_ALPHA, static_cast<GLint>(dstAlpha));
}

}  // extern "C"
