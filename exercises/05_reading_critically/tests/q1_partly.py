from otter.test_files import test_case

OK_FORMAT = False

name = "q1_partly"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_partly_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'partly', columns=['claim_id', 'claim', 'verdict', 'source'], hint='start from claims[is_partly]')

