// The GL state that WebGL can only report with a round trip, kept on this side instead.
//
// A WebGL glGetIntegerv of the viewport, the scissor box or the blend functions waits for the GPU
// process to answer (1-2 ms each on a loaded 2-core machine). ImGui's OpenGL3 backend asks for eight
// of them in every frame, to save the state it changes and restore it afterwards. This context has
// one user, this module, so that state is known here: every call that sets it passes through the
// functions below (this header renames the GL calls in the files that include it: web/backend.cpp, and
// imgui_impl_opengl3.cpp by -include in wasm/CMakeLists.txt), which remember the values and
// answer glGetIntegerv for them. Any other query, and one of a value not yet known, goes to WebGL.
#pragma once
#include <GLES3/gl3.h>

extern "C" {
void qd_glGetIntegerv(GLenum pname, GLint* data);
void qd_glViewport(GLint x, GLint y, GLsizei width, GLsizei height);
void qd_glScissor(GLint x, GLint y, GLsizei width, GLsizei height);
void qd_glBlendEquation(GLenum mode);
void qd_glBlendEquationSeparate(GLenum modeRGB, GLenum modeAlpha);
void qd_glBlendFunc(GLenum sfactor, GLenum dfactor);
void qd_glBlendFuncSeparate(GLenum srcRGB, GLenum dstRGB, GLenum srcAlpha, GLenum dstAlpha);
}

#include <string>

namespace qd::web {
// A new context: the blend state is the GL specification's initial one (ONE, ZERO, FUNC_ADD); the
// viewport and the scissor box depend on the canvas, so they are asked for once if read before set.
void ShadowNewContext();

// For the browser tests: every value known here compared with WebGL's (which asks the GPU process),
// as {"checked":N,"mismatches":["GL_VIEWPORT: kept 0,0,2560,1600, WebGL 0,0,1280,800", ...]}.
std::string ShadowCheckJson();
}  // namespace qd::web

// gl_state_shadow.cpp calls the real functions.
#ifndef QD_GL_STATE_SHADOW_IMPL
#define glGetIntegerv           qd_glGetIntegerv
#define glViewport              qd_glViewport
#define glScissor               qd_glScissor
#define glBlendEquation         qd_glBlendEquation
#define glBlendEquationSeparate qd_glBlendEquationSeparate
#define glBlendFunc             qd_glBlendFunc
#define glBlendFuncSeparate     qd_glBlendFuncSeparate
#endif
