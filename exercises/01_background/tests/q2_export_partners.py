from otter.test_files import test_case

OK_FORMAT = False

name = "q2_export_partners"
points = 2

@test_case(points=0, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_exports_shape(env):
    from coursekit.checks import expect_frame
    expect_frame(env, 'exports_2018', columns=['partner', 'value', 'share_pct', 'source'], hint='start from partners[is_nsc & in_period & is_export]')

