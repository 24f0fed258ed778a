from otter.test_files import test_case

OK_FORMAT = False

name = "q1_milestones"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q1_milestones_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'milestones', columns=['date', 'event', 'confidence', 'source'], hint="start from timeline and keep the rows whose category is 'air defence'")

