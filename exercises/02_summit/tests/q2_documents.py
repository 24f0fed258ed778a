from otter.test_files import test_case

OK_FORMAT = False

name = "q2_documents"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_documents_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'documents', columns=['date', 'item', 'value', 'unit', 'source'], hint='start from figures[is_documents]')

